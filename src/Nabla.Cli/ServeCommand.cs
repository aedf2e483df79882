using System.CommandLine;
using Nabla.Cli.Serve;

namespace Nabla.Cli;

/// <summary>
/// `nabla serve [--port N] [--site DIR]`: publishes the playground once (again only when its
/// sources change) and serves it on 127.0.0.1 until Ctrl-C.
/// </summary>
public static class ServeCommand
{
    public const int DefaultPort = 5024;

    public static Command Create()
    {
        var port = new Option<int>("--port", "-p") { Description = $"The port to listen on (127.0.0.1 only). Default: {DefaultPort}; 0 picks a free one.", DefaultValueFactory = _ => DefaultPort };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError("--port takes 0 to 65535.");
            }
        });
        var site = new Option<DirectoryInfo?>("--site") { Description = "Serve this published site folder (the wwwroot of `dotnet publish src/Nabla.Playground`) instead of publishing one." };
        var command = new Command("serve", "Open the Nabla Playground: publish the web page once and serve it on this computer, until Ctrl-C.")
        {
            port, site,
        };
        command.SetAction(parse => Run(parse.GetValue(port), parse.GetValue(site)));
        return command;
    }

    public static int Run(int port, DirectoryInfo? site)
    {
        string root;
        if (site is not null)
        {
            root = File.Exists(Path.Combine(site.FullName, "wwwroot", "index.html")) ? Path.Combine(site.FullName, "wwwroot") : site.FullName;
            if (!File.Exists(Path.Combine(root, "index.html")))
            {
                throw new NablaException($"{site.FullName}: no index.html there. Fix: give the folder `dotnet publish src/Nabla.Playground -c Release -o DIR` wrote (or its wwwroot).");
            }
        }
        else
        {
            string repository = SitePublisher.FindRepository()
                ?? throw new NablaException($"cannot find the playground's sources ({SitePublisher.Project}) above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}. Fix: run nabla from its repository, or give --site DIR with a published site.");
            root = SitePublisher.Ensure(repository, Console.Error);
        }

        using var app = SiteServer.Start(root, port);
        using var stop = new ManualResetEventSlim();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Set();
        };
        Console.Out.WriteLine($"Nabla Playground: {SiteServer.Url(app)}");
        Console.Out.Flush();
        Console.Error.WriteLine("Serving from 127.0.0.1; press Ctrl-C to stop.");
        stop.Wait();
        app.StopAsync().GetAwaiter().GetResult();
        Console.Error.WriteLine("Stopped.");
        return CommandRunner.Ok;
    }
}
