using Portal.Domain.Releases;

namespace Portal.Web.Features.Releases;

/// <summary>
/// A check a release request must pass before a reviewer can approve it. Each feature registers its own
/// (<c>services.AddSingleton&lt;IReleaseGate, MyGate&gt;()</c>); the release workflow evaluates every registered gate.
/// Gates read the database themselves and must not check the caller's permissions: the workflow already has.
/// </summary>
public interface IReleaseGate
{
    /// <summary>Stable machine name, the same as <see cref="GateResult.Gate"/>.</summary>
    string Name { get; }

    Task<GateResult> EvaluateAsync(ReleaseGateSubject subject, CancellationToken cancellationToken);
}
