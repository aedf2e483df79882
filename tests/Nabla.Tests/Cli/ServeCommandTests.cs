using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Nabla.Tests.Cli;

/// <summary>
/// `nabla serve --site DIR`: a small site of our own, served on 127.0.0.1 with the WebAssembly MIME
/// type and the precompressed copies, stopped by Ctrl-C (SIGINT); a port in use and a folder
/// without a page are one plain line and exit code 1.
/// </summary>
public partial class ServeCommandTests
{
    [Fact]
    public async Task ServesTheSite_WithWasmMimeAndPrecompressedCopies_AndStopsOnCtrlC()
    {
        string site = CliProcess.TempFolder();
        File.WriteAllText(Path.Combine(site, "index.html"), "<!DOCTYPE html><title>tiny</title>");
        Directory.CreateDirectory(Path.Combine(site, "_framework"));
        byte[] wasm = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
        File.WriteAllBytes(Path.Combine(site, "_framework", "app.wasm"), wasm);
        using (var gz = new GZipStream(File.Create(Path.Combine(site, "_framework", "app.wasm.gz")), CompressionLevel.Optimal))
        {
            gz.Write(wasm);
        }

        using var process = CliProcess.Start(site, "serve", "--site", site, "--port", "0");
        string? line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var match = UrlLine().Match(line ?? "");
        Assert.True(match.Success, $"no URL line: {line}");
        string url = match.Groups[1].Value;

        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None });
        Assert.Contains("<title>tiny</title>", await http.GetStringAsync(url));

        using var plain = await http.GetAsync(url + "_framework/app.wasm");
        Assert.Equal("application/wasm", plain.Content.Headers.ContentType?.MediaType);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(wasm, await plain.Content.ReadAsByteArrayAsync());

        using var request = new HttpRequestMessage(HttpMethod.Get, url + "_framework/app.wasm");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var compressed = await http.SendAsync(request);
        Assert.Equal("application/wasm", compressed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["gzip"], compressed.Content.Headers.ContentEncoding);
        using var unzip = new GZipStream(await compressed.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        var back = new MemoryStream();
        await unzip.CopyToAsync(back);
        Assert.Equal(wasm, back.ToArray());

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(url + "missing.js")).StatusCode);

        using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("Stopped.", await process.StandardError.ReadToEndAsync());
    }

    [Fact]
    public void APortInUse_IsOnePlainLine_AndExitCode1()
    {
        string site = CliProcess.TempFolder();
        File.WriteAllText(Path.Combine(site, "index.html"), "<!DOCTYPE html>");
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = CliProcess.Run("serve", "--site", site, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"nabla: port {port} on 127.0.0.1 is in use. Fix: stop the program using it, or choose another port with --port.", result.Error.Trim());
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void AFolderWithoutAPage_IsRefused()
    {
        string site = CliProcess.TempFolder();
        var result = CliProcess.Run("serve", "--site", site, "--port", "0");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"nabla: {site}: no index.html there.", result.Error.Trim());
    }

    [GeneratedRegex(@"^Nabla Playground: (http://\S+)$")]
    private static partial Regex UrlLine();
}
