namespace Portal.IntegrationTests.Versions;

/// <summary>Request bodies a pipeline would send to register versions and move them between stages.</summary>
internal static class VersionRequests
{
    public const string TrainingHash = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
    public const string EvaluationHash = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";

    public static object NewVersion(string label, string learningRate = "0.1", double auc = 0.81, string trainingHash = TrainingHash,
        string commit = "4e1243bd22c66e76c2ba9eddc1f91394e57f9f83") => new
        {
            label,
            trainingData = new { uri = "s3://ml-data/credit/train.parquet", sha256 = trainingHash },
            evaluationData = new { uri = "s3://ml-data/credit/holdout.parquet", sha256 = EvaluationHash },
            codeRepository = "https://git.example.com/credit/pd",
            codeCommit = commit,
            hyperparameters = new object[]
            {
                new { key = "learning_rate", type = "number", value = learningRate },
                new { key = "max_depth", type = "integer", value = "6" },
            },
            // Pipelines may send metric values as JSON numbers and booleans; they are kept as invariant text.
            metrics = new object[]
            {
                new { key = "auc", type = "number", value = (object)auc },
                new { key = "calibrated", type = "boolean", value = (object)true },
            },
            artifactUri = $"s3://ml-artifacts/credit/{label}/model.bin",
            notes = "Trained by the nightly pipeline.",
        };

    public static object Stage(string stage, int? revision) => new { stage, revision };
}
