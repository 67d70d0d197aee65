using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Portal.EndToEndTests.Infrastructure;

/// <summary>
/// Debian's nginx as the load balancer in front of several portal instances, a child process of the test with its own
/// configuration, logs and temporary files in a folder of its own. Sticky by client address (<c>ip_hash</c>, as
/// <c>infra/nginx.conf</c>), WebSocket upgrades passed through for Blazor's circuits.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/nginx";

    private readonly string folder;
    private Process? process;

    private NginxProxy(string folder, int port)
    {
        this.folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The address a browser uses, without a trailing slash.</summary>
    public string Url => $"http://127.0.0.1:{Port}";

    private string ConfigPath => Path.Combine(folder, "nginx.conf");

    /// <summary>Fails the run, not skips it, when nginx is missing: the several-instances guarantees are then untested.</summary>
    public static void EnsureInstalled()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException(
                $"nginx is not installed ({Binary} is missing); the two-instance tests need it as their load balancer. " +
                "Install Debian's package: apt-get install -y nginx (bash .ci/run does).");
        }
    }

    /// <summary>Writes the configuration for <paramref name="upstreamPorts"/> into <paramref name="folder"/> and starts nginx on <paramref name="port"/>.</summary>
    public static async Task<NginxProxy> StartAsync(string folder, int port, IEnumerable<int> upstreamPorts)
    {
        EnsureInstalled();
        var proxy = new NginxProxy(folder, port);
        await File.WriteAllTextAsync(proxy.ConfigPath, Configuration(folder, port, upstreamPorts));
        await proxy.StartAsync();
        return proxy;
    }

    /// <summary>Starts (again) on the same port and configuration; answers once the port accepts connections.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(Binary)
        {
            ArgumentList = { "-p", folder, "-c", ConfigPath, "-e", Path.Combine(folder, "error.log"), "-g", "daemon off;" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        process = Process.Start(start) ?? throw new InvalidOperationException($"{Binary} did not start.");
        var started = process;
        var problems = started.StandardError.ReadToEndAsync();
        await Eventually.UntilAsync(async () => started.HasExited || await AcceptsConnectionsAsync(), "nginx accepts connections", TimeSpan.FromSeconds(30));
        if (started.HasExited)
        {
            var errorLog = Path.Combine(folder, "error.log");
            throw new InvalidOperationException($"nginx exited with {started.ExitCode}: {await problems}" +
                (File.Exists(errorLog) ? await File.ReadAllTextAsync(errorLog) : ""));
        }
    }

    /// <summary>Ends nginx and every connection through it at once, as a crashed or restarted load balancer would.</summary>
    public async Task StopAsync()
    {
        if (process is null)
        {
            return;
        }
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task<bool> AcceptsConnectionsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port).WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (Exception refused) when (refused is SocketException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>The same proxying as <c>infra/nginx.conf</c>, on plain HTTP, with every file nginx writes inside the folder.</summary>
    private static string Configuration(string folder, int port, IEnumerable<int> upstreamPorts)
    {
        var servers = string.Concat(upstreamPorts.Select(p => string.Create(CultureInfo.InvariantCulture, $"        server 127.0.0.1:{p};\n")));
        return $$"""
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/client_body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;

                map $http_upgrade $connection_upgrade {
                    default upgrade;
                    '' close;
                }

                upstream portal {
                    ip_hash;
            {{servers}}    }

                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://portal;
                        proxy_http_version 1.1;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_read_timeout 3600s;
                        proxy_buffer_size 64k;
                        proxy_buffers 8 64k;
                        proxy_busy_buffers_size 128k;
                    }
                }
            }
            """;
    }
}
