using System.Text;
using Portal.Domain.Access;
using Portal.Domain.Outputs;

namespace Portal.Web.Features.Outputs.AccessRequests;

/// <summary>
/// Demo outputs of credit-default-pd registered by its primary owner through the outputs service: a Confidential one with a pii
/// column, which Audrey asked to read and Rita granted (masked, 30 days); a Restricted one whose scores fall outside [0, 1], so
/// the out-of-range flag shows, which Mona asked to read and Eric has still to decide. Audrey then downloads what she was
/// granted and Eric, who holds no grant on the Restricted one, is refused a preview, so "who accessed this output" has both.
/// </summary>
public static class DemoAccessRequests
{
    private static readonly Actor Eric = new("demo-eric", "Eric Engineer", new HashSet<string> { PortalRoles.Engineer });
    private static readonly Actor Rita = new("demo-rita", "Rita Reviewer", new HashSet<string> { PortalRoles.ComplianceReviewer });
    private static readonly Actor Audrey = new("demo-audrey", "Audrey Auditor", new HashSet<string> { PortalRoles.Auditor });
    private static readonly Actor Mona = new("demo-mona", "Mona Manager", new HashSet<string> { PortalRoles.Manager });

    public static async Task SeedAsync(IServiceProvider services, DateTime now, CancellationToken cancellationToken)
    {
        var outputs = services.GetRequiredService<OutputService>();
        var requests = services.GetRequiredService<AccessRequestService>();
        var applicants = await outputs.RegisterAsync(Eric, "credit-default-pd", Registration("applicant-scores", OutputClassification.Confidential, now),
            Csv("0.12", "0.87", "0.05"), cancellationToken);
        var march = await outputs.RegisterAsync(Eric, "credit-default-pd", Registration("pd-scores-march", OutputClassification.Restricted, now),
            Csv("0.31", "1.42", "-0.2"), cancellationToken);

        var audit = await requests.RequestAsync(Audrey, applicants.Id, new("Sample check of decisions for the Q1 credit audit.", 30, false), cancellationToken);
        await requests.DecideAsync(Rita, audit.Id, new(AccessDecisionKind.Grant, 30, false, null), cancellationToken);
        await requests.RequestAsync(Mona, march.Id, new("Explain the scores above 1 to the credit committee.", 14, true), cancellationToken);
        await ReadAsync(outputs, applicants.Id, march.Id, cancellationToken);
    }

    private static async Task ReadAsync(OutputService outputs, int granted, int restricted, CancellationToken cancellationToken)
    {
        var download = await outputs.OpenDownloadAsync(Audrey, granted, OutputFormat.Csv, cancellationToken);
        await download.WriteAsync(Stream.Null, cancellationToken);
        try
        {
            await outputs.PreviewAsync(Eric, restricted, cancellationToken);
        }
        catch (AccessDeniedException)
        {
            // The refusal is the point: the service has recorded it as a denied read.
        }
    }

    private static OutputRegistration Registration(string name, OutputClassification classification, DateTime now) => new(
        "1.0.0", name, "Monthly batch scores of loan applications.", now.AddDays(-2), classification,
        [
            new("application_id", OutputColumnType.String, []),
            new("applicant_name", OutputColumnType.String, [OutputTags.Pii]),
            new("pd_score", OutputColumnType.Decimal, []),
        ],
        3, new ScoreRange("pd_score", 0, 1), OutputFormat.Csv, null);

    private static MemoryStream Csv(params string[] scores)
    {
        var text = new StringBuilder("application_id,applicant_name,pd_score\n");
        string[] names = ["Ada Lovelace", "Alan Turing", "Grace Hopper"];
        for (var i = 0; i < scores.Length; i++)
        {
            text.Append($"APP-{1001 + i},{names[i % names.Length]},{scores[i]}\n");
        }
        return new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
    }
}
