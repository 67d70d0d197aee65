using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Portal.Domain.Directory;

namespace Portal.Web.Auth.Sessions;

/// <summary>The open circuits of this instance, by the subject signed in on them, so that a deactivation ends them at once.</summary>
public sealed class LiveCircuits
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<PortalAuthenticationStateProvider, byte>> bySubject = new(StringComparer.Ordinal);

    public IDisposable Add(string subject, PortalAuthenticationStateProvider circuit)
    {
        bySubject.GetOrAdd(subject, _ => new()).TryAdd(circuit, 0);
        return new Registration(() =>
        {
            if (bySubject.TryGetValue(subject, out var circuits))
            {
                circuits.TryRemove(circuit, out _);
            }
        });
    }

    public int CountFor(string subject) => bySubject.TryGetValue(subject, out var circuits) ? circuits.Count : 0;

    /// <summary>Signs out every open circuit of the person on this instance; other instances follow at their next revalidation.</summary>
    public void EndAll(string subject)
    {
        if (bySubject.TryRemove(subject, out var circuits))
        {
            foreach (var circuit in circuits.Keys)
            {
                circuit.EndNow();
            }
        }
    }

    private sealed class Registration(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}

/// <summary>Registers each circuit under its person when it opens, and forgets it when it closes.</summary>
public sealed class SessionCircuitHandler(AuthenticationStateProvider authentication, LiveCircuits circuits) : CircuitHandler, IDisposable
{
    private IDisposable? registration;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (authentication is PortalAuthenticationStateProvider provider && user.FindFirst(PortalClaims.Subject)?.Value is { } subject)
        {
            registration = circuits.Add(subject, provider);
        }
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        registration?.Dispose();
        registration = null;
    }
}

/// <summary>A deactivation (by hand or over SCIM) revokes the person's sessions and ends their open pages.</summary>
public sealed class EndSessionsOnDeactivation(SessionStore sessions, LiveCircuits circuits) : IUserLifecycleListener
{
    public async Task OnUserDeactivatedAsync(UserDeactivated deactivated, CancellationToken cancellationToken)
    {
        circuits.EndAll(deactivated.Subject);
        await sessions.RevokeAllAsync(deactivated.Subject, "deactivated", cancellationToken);
    }
}
