using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Benchmarks;

/// <summary>
/// Records the SQL EF Core sends while it is alive, through EF Core's DiagnosticListener. ModelService
/// keeps its query building internal, so this is how the harness sees (and explains) the exact SQL it runs.
/// </summary>
internal sealed class SqlCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> subscriptions = [];
    private readonly List<CapturedCommand> commands = [];

    public SqlCapture() => subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    public IReadOnlyList<CapturedCommand> Commands
    {
        get
        {
            lock (commands)
            {
                return [.. commands];
            }
        }
    }

    public void Clear()
    {
        lock (commands)
        {
            commands.Clear();
        }
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            subscriptions.Add(value.Subscribe(this));
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data)
        {
            var parameters = data.Command.Parameters.Cast<DbParameter>().Select(p => new KeyValuePair<string, object?>(p.ParameterName, p.Value)).ToList();
            lock (commands)
            {
                commands.Add(new CapturedCommand(data.Command.CommandText, parameters));
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }
    }
}

internal sealed record CapturedCommand(string Sql, IReadOnlyList<KeyValuePair<string, object?>> Parameters);
