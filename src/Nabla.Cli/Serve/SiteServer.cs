using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Hosting;

namespace Nabla.Cli.Serve;

/// <summary>
/// Serves a published site from 127.0.0.1 with ASP.NET Core's static files: the WebAssembly MIME
/// type, and each file's precompressed copy (.br, else .gz) to a browser that accepts it.
/// </summary>
public static class SiteServer
{
    private static readonly (string Encoding, string Extension)[] Compressed = [("br", ".br"), ("gzip", ".gz")];

    /// <summary>Starts serving <paramref name="root"/> on <paramref name="port"/> (0: any free port); the app is running when this returns.</summary>
    public static WebApplication Start(string root, int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = root, WebRootPath = root });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var files = new PhysicalFileProvider(root);
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".wasm"] = "application/wasm";
        types.Mappings[".dat"] = "application/octet-stream";
        types.Mappings[".blat"] = "application/octet-stream";
        types.Mappings[".br"] = "application/octet-stream";
        types.Mappings[".gz"] = "application/octet-stream";

        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.Use(async (context, next) =>
        {
            string? path = context.Request.Path.Value;
            if (path is not null && types.TryGetContentType(path, out string? type) && !path.EndsWith(".br", StringComparison.Ordinal) && !path.EndsWith(".gz", StringComparison.Ordinal))
            {
                string accepted = context.Request.Headers.AcceptEncoding.ToString();
                foreach (var (encoding, extension) in Compressed)
                {
                    if (accepted.Contains(encoding, StringComparison.OrdinalIgnoreCase) && files.GetFileInfo(path + extension).Exists)
                    {
                        context.Request.Path = path + extension;
                        context.Response.Headers.ContentEncoding = encoding;
                        context.Items[nameof(Compressed)] = type;
                        break;
                    }
                }

                context.Response.Headers.Vary = "Accept-Encoding";
            }

            await next();
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = types,
            OnPrepareResponse = prepared =>
            {
                if (prepared.Context.Items[nameof(Compressed)] is string original)
                {
                    prepared.Context.Response.ContentType = original;
                }

                prepared.Context.Response.Headers.CacheControl = "no-cache";
            },
        });
        try
        {
            app.Start();
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            throw new NablaException($"port {port} on 127.0.0.1 is in use. Fix: stop the program using it, or choose another port with --port.");
        }

        return app;
    }

    /// <summary>The address the app listens on (the port chosen when 0 was asked).</summary>
    public static string Url(WebApplication app) => app.Urls.First().Replace("127.0.0.1", "localhost", StringComparison.Ordinal).TrimEnd('/') + "/";
}
