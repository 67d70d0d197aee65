namespace Portal.Domain.Releases;

/// <summary>One release gate's verdict on a request, with the reason a reviewer reads ("no passing fairness evaluation of 2.1").</summary>
/// <param name="Gate">Stable machine name, e.g. "primary-owner", "fairness", "blocking-flags".</param>
/// <param name="Title">What the gate checks, in words for the request page.</param>
public sealed record GateResult(string Gate, string Title, bool Passed, string Reason)
{
    public static GateResult Pass(string gate, string title, string reason) => new(gate, title, true, reason);

    public static GateResult Fail(string gate, string title, string reason) => new(gate, title, false, reason);
}
