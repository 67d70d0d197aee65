using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using MimeKit;
using Portal.Web.Features.Notifications;

namespace Portal.EndToEndTests.Instances;

/// <summary>Keeps what one portal instance logs, so that a test can wait for what the instance decided.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyCollection<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Logger(lines);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));
    }
}

/// <summary>The e-mail transport of both instances: keeps every message instead of sending it.</summary>
public sealed class RecordingSmtpSender : ISmtpSender
{
    private readonly ConcurrentQueue<MimeMessage> sent = new();

    public IReadOnlyCollection<MimeMessage> Sent => sent;

    public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        sent.Enqueue(message);
        return Task.CompletedTask;
    }
}
