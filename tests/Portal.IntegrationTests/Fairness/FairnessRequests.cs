using System.Net.Http.Headers;
using System.Text;
using Portal.IntegrationTests.Infrastructure;
using static Portal.IntegrationTests.Versions.VersionRequests;

namespace Portal.IntegrationTests.Fairness;

/// <summary>Predictions files and calls a pipeline makes to post fairness evaluations.</summary>
internal static class FairnessRequests
{
    /// <summary>Both sexes selected at 0.5, every positive found, no false positive: passes the default policy.</summary>
    public const string Fair = "label,prediction,sex\n1,1,f\n0,0,f\n1,1,m\n0,0,m\n";

    /// <summary>Women selected at 0.25, men at 0.75: a demographic parity ratio of 1/3 fails the four-fifths rule.</summary>
    public const string Unfair = "label,prediction,sex\n1,0,f\n0,0,f\n1,0,f\n0,1,f\n1,1,m\n0,1,m\n1,1,m\n0,0,m\n";

    public const string Mapping = "labelColumn=label&predictionColumn=prediction&sensitive=sex";

    public static async Task ModelWithVersionAsync(this HttpClient client, string key, params string[] labels)
    {
        (await client.PostJsonAsync("/api/v1/models", HttpJson.NewModel(key))).EnsureSuccessStatusCode();
        foreach (var label in labels)
        {
            (await client.PostJsonAsync($"/api/v1/models/{key}/versions", NewVersion(label))).EnsureSuccessStatusCode();
        }
    }

    public static Task<HttpResponseMessage> PostCsvAsync(this HttpClient client, string key, string label, string csv, string mapping = Mapping) =>
        client.PostAsync($"/api/v1/models/{key}/versions/{label}/fairness-evaluations?{mapping}", new StringContent(csv, Encoding.UTF8, "text/csv"));

    public static Task<HttpResponseMessage> PostMultipartAsync(this HttpClient client, string key, string label, string csv)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var form = new MultipartFormDataContent
        {
            { file, "file", "predictions.csv" },
            { new StringContent("label"), "labelColumn" },
            { new StringContent("prediction"), "predictionColumn" },
            { new StringContent("sex"), "sensitive" },
        };
        return client.PostAsync($"/api/v1/models/{key}/versions/{label}/fairness-evaluations", form);
    }

    /// <summary>What `portal fairness compute` prints, as a pipeline would post it.</summary>
    public static object Report(double femaleRate, double maleRate) => new
    {
        overall = Group(null, 200, (femaleRate + maleRate) / 2),
        groups = new[] { Group("female", 100, femaleRate), Group("male", 100, maleRate) },
        disparities = new
        {
            demographicParityDifference = Math.Abs(maleRate - femaleRate),
            demographicParityRatio = Math.Min(femaleRate, maleRate) / Math.Max(femaleRate, maleRate),
            equalizedOddsDifference = 0.05,
            equalizedOddsRatio = 0.9,
            equalOpportunityDifference = 0.05,
            equalOpportunityRatio = (double?)null,
        },
    };

    private static object Group(string? sex, long count, double selectionRate) => new
    {
        features = sex is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["sex"] = sex },
        count,
        selectionRate,
        truePositiveRate = 0.8,
        falsePositiveRate = 0.1,
        falseNegativeRate = 0.2,
        accuracy = 0.85,
    };
}
