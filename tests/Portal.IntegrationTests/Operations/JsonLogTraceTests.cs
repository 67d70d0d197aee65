using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Operations;

/// <summary>Outside Development the portal logs JSON lines; each carries the trace and span it was written in.</summary>
public sealed class JsonLogTraceTests
{
    [Fact]
    public void A_json_log_line_written_inside_a_trace_names_its_trace_and_span()
    {
        var scopes = new ScopeCapture();
        using var portal = new PortalFactory();
        using var app = portal.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddLogging(l => l.AddProvider(scopes))));
        var formatter = app.Services.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Json);
        Assert.NotNull(scopes.Provider);

        using var activity = new Activity("request").Start();
        using var line = new StringWriter();
        formatter.Write(new LogEntry<string>(LogLevel.Information, "Portal", new EventId(1), "Signed.", null, (message, _) => message), scopes.Provider, line);

        using var json = JsonDocument.Parse(line.ToString());
        var scope = json.RootElement.GetProperty("Scopes").EnumerateArray().Single(s => s.TryGetProperty("TraceId", out _));
        Assert.Equal(activity.TraceId.ToHexString(), scope.GetProperty("TraceId").GetString());
        Assert.Equal(activity.SpanId.ToHexString(), scope.GetProperty("SpanId").GetString());
    }

    /// <summary>A logger provider that only keeps the scope provider the logger factory hands every provider.</summary>
    private sealed class ScopeCapture : ILoggerProvider, ISupportExternalScope
    {
        public IExternalScopeProvider? Provider { get; private set; }

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => Provider = scopeProvider;

        public ILogger CreateLogger(string categoryName) => NullLogger.Instance;

        public void Dispose()
        {
        }
    }
}
