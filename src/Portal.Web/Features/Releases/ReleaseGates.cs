using Portal.Domain.Releases;

namespace Portal.Web.Features.Releases;

/// <summary>Evaluates every registered gate. A gate that throws fails (closed), with the error as its reason.</summary>
public sealed class ReleaseGates(IEnumerable<IReleaseGate> gates, ILogger<ReleaseGates> logger)
{
    public IReadOnlyList<string> Names { get; } = [.. gates.Select(g => g.Name).Order(StringComparer.Ordinal)];

    public async Task<IReadOnlyList<GateResult>> EvaluateAsync(ReleaseGateSubject subject, CancellationToken cancellationToken)
    {
        var results = new List<GateResult>();
        foreach (var gate in gates.OrderBy(g => g.Name, StringComparer.Ordinal))
        {
            try
            {
                results.Add(await gate.EvaluateAsync(subject, cancellationToken));
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                logger.LogError(failure, "Release gate {Gate} failed to evaluate", gate.Name);
                results.Add(GateResult.Fail(gate.Name, gate.Name, $"The gate could not be evaluated ({failure.GetType().Name}); it counts as failing."));
            }
        }
        return results;
    }
}
