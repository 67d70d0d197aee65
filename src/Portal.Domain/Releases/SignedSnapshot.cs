using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Portal.Domain.Versions;

namespace Portal.Domain.Releases;

/// <summary>
/// The canonical snapshot a signature binds to, and its SHA-256.
/// Canonical form: UTF-8 JSON without whitespace, object keys sorted by ordinal (UTF-16 code unit) order at every
/// level, arrays in their stated order (gates and exceptions sorted by gate name, then id), timestamps as UTC
/// <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>, enums as their names, absent values as <c>null</c>. Top-level keys:
/// <c>request</c> (id, model, version, target stage, summary, rollout plan, requester, requested at, and the frozen policy:
/// risk tier, approval policy revision and terms, fairness policy version),
/// <c>version</c> (lineage: data sets with hashes, code, artifact, hyperparameters, metrics, registration),
/// <c>evidence</c> (gate results, exceptions, evidence references as stored with the signature) and
/// <c>signature</c> (signer id and name, meaning, reason, signed at, authenticated at, whether the signer is in the model's
/// team, and for the signature that approves the request its approval time and revalidation due date, null otherwise).
/// The request's status and the version's stage are outcomes, not content, and are left out.
/// </summary>
public static class SignedSnapshot
{
    /// <summary>The snapshot as verification recomputes it from the stored rows: an approving signature reads the request's approval dates.</summary>
    public static string CanonicalJson(ReleaseRequest request, SignedVersion version, ReleaseSignature signature) =>
        CanonicalJson(request, version, signature, signature.Approves ? new SignedApproval(request.ApprovedAt, request.RevalidationDueAt) : null);

    /// <summary>The snapshot with the approval dates given (when signing, before the request records them).</summary>
    public static string CanonicalJson(ReleaseRequest request, SignedVersion version, ReleaseSignature signature, SignedApproval? approval)
    {
        var snapshot = new JsonObject
        {
            ["request"] = new JsonObject
            {
                ["id"] = request.Id,
                ["modelKey"] = request.ModelKey,
                ["versionLabel"] = request.VersionLabel,
                ["targetStage"] = request.TargetStage.ToString(),
                ["summary"] = request.Summary,
                ["rolloutPlan"] = request.RolloutPlan,
                ["requestedBy"] = request.RequestedBy,
                ["requestedByName"] = request.RequestedByName,
                ["requestedAt"] = Timestamp(request.RequestedAt),
                ["frozenPolicy"] = request.Frozen.ToJson(),
            },
            ["version"] = version.ToJson(),
            ["evidence"] = JsonNode.Parse(signature.Evidence),
            ["signature"] = new JsonObject
            {
                ["signerId"] = signature.SignerId,
                ["signerName"] = signature.SignerName,
                ["meaning"] = signature.Meaning.ToString(),
                ["reason"] = signature.Reason,
                ["signedAt"] = Timestamp(signature.SignedAt),
                ["authenticatedAt"] = Timestamp(signature.AuthenticatedAt),
                ["signerInModelTeam"] = signature.SignerInModelTeam,
                ["approvedAt"] = Timestamp(approval?.ApprovedAt),
                ["revalidationDueAt"] = Timestamp(approval?.RevalidationDueAt),
            },
        };
        return Canonical(snapshot);
    }

    public static string Sha256(ReleaseRequest request, SignedVersion version, ReleaseSignature signature) =>
        Sha256(CanonicalJson(request, version, signature));

    public static string Sha256(string canonicalJson) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));

    /// <summary>Serializes with object keys sorted at every level and no whitespace.</summary>
    public static string Canonical(JsonNode? node) => Sorted(node)?.ToJsonString() ?? "null";

    public static string Timestamp(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Timestamp(DateTime? utc) => utc is { } value ? Timestamp(value) : null;

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sorted)]),
        null => null,
        _ => node.DeepClone(),
    };
}

/// <summary>When the approving signature approved the request, and when that approval is due for revalidation (production only).</summary>
public sealed record SignedApproval(DateTime? ApprovedAt, DateTime? RevalidationDueAt);

/// <summary>The lineage fields of a version that a signature covers (its stage is an outcome, not signed content).</summary>
public sealed record SignedVersion(string Label, DataSetReference? TrainingData, DataSetReference? EvaluationData, string? CodeRepository,
    string? CodeCommit, string? ArtifactUri, IReadOnlyList<TypedValue> Hyperparameters, IReadOnlyList<TypedValue> Metrics, DateTime RegisteredAt,
    string RegisteredBy)
{
    public static SignedVersion From(ModelVersion v) => new(v.Label, v.TrainingData, v.EvaluationData, v.CodeRepository, v.CodeCommit,
        v.ArtifactUri, v.Hyperparameters, v.Metrics, v.RegisteredAt, v.RegisteredBy);

    public JsonObject ToJson() => new()
    {
        ["label"] = Label,
        ["trainingData"] = DataSet(TrainingData),
        ["evaluationData"] = DataSet(EvaluationData),
        ["codeRepository"] = CodeRepository,
        ["codeCommit"] = CodeCommit,
        ["artifactUri"] = ArtifactUri,
        ["hyperparameters"] = Values(Hyperparameters),
        ["metrics"] = Values(Metrics),
        ["registeredAt"] = SignedSnapshot.Timestamp(RegisteredAt),
        ["registeredBy"] = RegisteredBy,
    };

    private static JsonObject? DataSet(DataSetReference? data) => data is null ? null : new() { ["uri"] = data.Uri, ["sha256"] = data.Sha256 };

    private static JsonArray Values(IReadOnlyList<TypedValue> values) =>
        [.. values.Select(v => (JsonNode)new JsonObject { ["key"] = v.Key, ["type"] = v.Type, ["value"] = v.Value })];
}

/// <summary>The evidence as it stood when signing, stored with the signature.</summary>
public sealed record SignedEvidence(IReadOnlyList<GateResult> Gates, IReadOnlyList<GateException> Exceptions, IReadOnlyList<string> References)
{
    public string ToCanonicalJson() => SignedSnapshot.Canonical(new JsonObject
    {
        ["gates"] = new JsonArray([.. Gates.OrderBy(g => g.Gate, StringComparer.Ordinal).Select(g => (JsonNode)new JsonObject
        {
            ["gate"] = g.Gate,
            ["title"] = g.Title,
            ["passed"] = g.Passed,
            ["reason"] = g.Reason,
        })]),
        ["exceptions"] = new JsonArray([.. Exceptions.OrderBy(e => e.Gate, StringComparer.Ordinal).ThenBy(e => e.Id).Select(e => (JsonNode)new JsonObject
        {
            ["id"] = e.Id,
            ["gate"] = e.Gate,
            ["justification"] = e.Justification,
            ["recordedBy"] = e.RecordedBy,
            ["recordedAt"] = SignedSnapshot.Timestamp(e.RecordedAt),
            ["expiresAt"] = SignedSnapshot.Timestamp(e.ExpiresAt),
        })]),
        ["references"] = new JsonArray([.. References.Select(r => (JsonNode?)JsonValue.Create(r))]),
    });

    /// <summary>The evidence references stored in a signature's evidence, e.g. <c>champion:model@1.0.0</c>.</summary>
    public static List<string> ReferencesFrom(string canonicalJson) =>
        [.. (JsonNode.Parse(canonicalJson)?["references"]?.AsArray() ?? []).Select(r => (string?)r).OfType<string>()];

    /// <summary>The gate results stored in a signature's evidence, to show a closed request as it was signed.</summary>
    public static List<GateResult> GatesFrom(string canonicalJson) =>
        [.. (JsonNode.Parse(canonicalJson)?["gates"]?.AsArray() ?? []).OfType<JsonNode>().Select(g => new GateResult(
            (string?)g["gate"] ?? "", (string?)g["title"] ?? "", (bool?)g["passed"] ?? false, (string?)g["reason"] ?? ""))];
}
