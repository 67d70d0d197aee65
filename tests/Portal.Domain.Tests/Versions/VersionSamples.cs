using Portal.Domain.Versions;

namespace Portal.Domain.Tests.Versions;

/// <summary>Valid version details and versions to vary in tests.</summary>
internal static class VersionSamples
{
    public const string TrainingHash = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
    public const string EvaluationHash = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";

    public static readonly DateTime Now = new(2026, 3, 3, 9, 0, 0, DateTimeKind.Utc);

    public static readonly VersionDetails Valid = new(
        "1.0.0",
        new DataSetReference("s3://ml-data/credit/train.parquet", TrainingHash),
        new DataSetReference("s3://ml-data/credit/holdout.parquet", EvaluationHash),
        "https://git.example.com/credit/pd",
        "4e1243bd22c66e76c2ba9eddc1f91394e57f9f83",
        [new TypedValue("max_depth", TypedValue.Integer, "6"), new TypedValue("learning_rate", TypedValue.Number, "0.1")],
        [new TypedValue("auc", TypedValue.Number, "0.812"), new TypedValue("calibrated", TypedValue.Boolean, "true")],
        "s3://ml-artifacts/credit/1.0.0/model.bin",
        "First release.");

    public static ModelVersion Register(VersionDetails? details = null, int modelId = 7) =>
        ModelVersion.Register(modelId, "credit-pd", details ?? Valid, "Eric Engineer", Now);

    public static ModelVersion Register(string label, VersionStage stage = VersionStage.None, int modelId = 7)
    {
        var version = Register(Valid with { Label = label }, modelId);
        if (stage != VersionStage.None)
        {
            version.MoveToStage(stage, "Alice Admin", Now);
        }
        return version;
    }
}
