using Portal.Web.Features.Shared.Evidence;

namespace Portal.Web.Features.Evidence.Parts;

/// <summary><c>model.json</c>: the model's record as it stands now.</summary>
public sealed class ModelPart : IEvidencePackagePart
{
    public string Name => "model";

    public Task WriteAsync(EvidencePackageWriter package, EvidenceScope scope, CancellationToken cancellationToken)
    {
        var model = scope.Model;
        package.Summarize("Model", $"{model.Name} ({model.Key}), team {model.Team}", $"Risk tier {model.RiskTier}, status {model.Status}",
            model.Description ?? "No description.");
        return package.WriteJsonAsync("model.json", file =>
        {
            file.Write(model);
            return Task.CompletedTask;
        }, cancellationToken);
    }
}
