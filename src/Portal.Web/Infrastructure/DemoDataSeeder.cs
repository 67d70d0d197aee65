using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Directory;
using Portal.Domain.Flags;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;
using Portal.Domain.Releases;
using Portal.Domain.Teams;
using Portal.Domain.Versions;
using Portal.Web.Auth;

namespace Portal.Web.Infrastructure;

/// <summary>Fills an empty database with demo users and models when <c>Portal:SeedDemoData</c> is true (Development).</summary>
public static class DemoDataSeeder
{
    private static readonly Actor Seeder = new("system:seed", "Demo data seeder", new HashSet<string>());

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.Models.AnyAsync(cancellationToken) || await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        db.Actor = Seeder;
        db.Users.AddRange(DemoUsers.All.Select(u => DemoUser(u, now)));
        db.Users.Add(DepartedUser(now));
        db.Teams.AddRange(DemoTeams());
        var models = DemoModels.Select(d => Model.Register(d, "Eric Engineer", RegisteredAt(d.Key, now))).ToList();
        db.Models.AddRange(models);
        await db.SaveChangesAsync(cancellationToken);
        db.OwnershipAssignments.AddRange(DemoOwners(models, now));
        var credit = models.Single(m => m.Key == "credit-default-pd");
        var creditVersions = DemoVersions(credit, now).ToList();
        db.ModelVersions.AddRange(creditVersions);
        var classifier = DemoClassifierVersion(models.Single(m => m.Key == "document-classifier"), now);
        db.ModelVersions.Add(classifier);
        await db.SaveChangesAsync(cancellationToken);
        db.FairnessEvaluations.AddRange(Features.Fairness.DemoFairnessData.For(credit, creditVersions, now));
        var attested = Features.Fairness.DemoFairnessData.ImportedAndAttested(models.Single(m => m.Key == "document-classifier"), classifier, now.AddDays(-31));
        db.FairnessEvaluations.Add(attested);
        var (pending, approved) = await SeedReleasesAsync(db, classifier, attested, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await NotifyAsync(services, models, pending, approved, cancellationToken);
        db.FlagScans.AddRange(DemoScanHistory(now, models.Count));
        await db.SaveChangesAsync(cancellationToken);
        await Features.Documents.DemoDocuments.AttachAsync(services.GetRequiredService<Features.Documents.DocumentService>(), cancellationToken);
        await Features.ModelCards.DemoModelCards.SeedAsync(services.GetRequiredService<Features.ModelCards.ModelCardService>(), cancellationToken);
        await Features.Outputs.AccessRequests.DemoAccessRequests.SeedAsync(services, now, cancellationToken);
        await Features.Findings.DemoFindings.SeedAsync(services.GetRequiredService<Features.Findings.FindingService>(), DateOnly.FromDateTime(now), cancellationToken);
        await Features.Audits.DemoAuditRequests.SeedAsync(services.GetRequiredService<Features.Audits.AuditRequestService>(), now, cancellationToken);
        await Features.Webhooks.DemoWebhooks.SeedAsync(services, cancellationToken);
    }

    /// <summary>Someone who signed in before with their demo role, so the directory knows who reviews (whom to ask for signatures).</summary>
    private static UserAccount DemoUser(DemoUsers.DemoUser user, DateTime now)
    {
        var account = UserAccount.Create(user.Subject, user.Name, user.Email);
        account.RecordSignIn(user.Name, user.Email, user.Role is null ? [] : [user.Role], now.AddDays(-1));
        return account;
    }

    /// <summary>
    /// The notifications the seeded workflow would have sent, made by the same code the services call: the reviewers are asked
    /// to sign the pending request, the requester learns of the approval, and the unacknowledged owner and their manager hear
    /// of the assignment.
    /// </summary>
    private static async Task NotifyAsync(IServiceProvider services, List<Model> models, int pending, int approved, CancellationToken cancellationToken)
    {
        var releases = services.GetRequiredService<Features.Releases.ReleaseNotifications>();
        await releases.RequestedAsync(pending, cancellationToken);
        var rita = DemoUsers.Find("demo-rita")!;
        await releases.SignedAsync(approved, new Actor(rita.Subject, rita.Name, new HashSet<string> { PortalRoles.ComplianceReviewer }), cancellationToken);
        var unacknowledged = models.Single(m => m.Key == "fraud-card-realtime");
        await services.GetRequiredService<Features.Ownership.OwnershipNotifications>().OwnersChangedAsync(Seeder,
            [new(unacknowledged.Key, unacknowledged.Team, "demo-eric", "Eric Engineer", OwnerRole.Primary, Ended: false)], "Initial owner", cancellationToken);
    }

    /// <summary>
    /// A pending High-tier request awaiting two reviewers, and a Low-tier release approved by Rita that put its version in
    /// Production; each frozen with the default policies (approval policy version 1, fairness policy version 0) in force when it was made.
    /// </summary>
    private static async Task<(int Pending, int Approved)> SeedReleasesAsync(PortalDbContext db, ModelVersion classifier,
        Domain.Fairness.FairnessEvaluation attested, DateTime now, CancellationToken cancellationToken)
    {
        var challenger = await db.ModelVersions.SingleAsync(v => v.ModelKey == "credit-default-pd" && v.Label == "1.1.0", cancellationToken);
        var pending = ReleaseRequest.Create(challenger, VersionStage.Production, "Retrained on Q1 applications: AUC 0.812 → 0.829 on the same holdout.",
            "Shadow scoring for two weeks, then 25% → 100% over a week; roll back by re-promoting 1.0.0.", "demo-eric", "Eric Engineer", now.AddDays(-1),
            FrozenPolicy.From(ApprovalPolicy.Default(RiskTier.High), fairnessPolicyVersion: 0));
        db.ReleaseRequests.Add(pending);
        var approved = ReleaseRequest.Create(classifier, VersionStage.Production, "First production release of the document classifier.",
            "Full cut-over; the manual triage queue stays as fallback for a month.", "demo-alice", "Alice Admin", now.AddDays(-30),
            FrozenPolicy.From(ApprovalPolicy.Default(RiskTier.Low), fairnessPolicyVersion: 0));
        db.ReleaseRequests.Add(approved);
        await db.SaveChangesAsync(cancellationToken);

        var signedAt = now.AddDays(-29);
        var evidence = new SignedEvidence([
                GateResult.Pass(Web.Features.Releases.PrimaryOwnerGate.GateName, "Active primary owner", "Alice Admin is the primary owner and active."),
                GateResult.Pass(Web.Features.Fairness.FairnessGate.GateName, "Fairness evaluation",
                    $"The latest fairness evaluation of {classifier.Label} ({attested.EvaluatedAt:yyyy-MM-dd}, {attested.SourceDescription()}) passed the Low-tier fairness policy version 0 frozen with the request.")],
            [], [$"version:{classifier.ModelKey}@{classifier.Label}", "champion:none"]);
        var signer = new SignerDetails("demo-rita", "Rita Reviewer", SignatureMeaning.Approved, "Accuracy and fallback plan reviewed.", signedAt, signedAt.AddMinutes(-2), false);
        approved.Sign(ReleaseSignature.Create(approved, SignedVersion.From(classifier), signer, evidence, approves: true));
        // The classifier's first Production version replaces none, so nothing is archived and saved ahead of it.
        await StagePolicy.MoveAsync([], classifier, VersionStage.Production, "Rita Reviewer (release request)", signedAt, () => db.SaveChangesAsync(cancellationToken));
        approved.Approve("Rita Reviewer", signedAt);
        await db.SaveChangesAsync(cancellationToken);
        return (pending.Id, approved.Id);
    }

    private static ModelVersion DemoClassifierVersion(Model model, DateTime now) => ModelVersion.Register(model.Id, model.Key, new VersionDetails("1.0.0",
        new DataSetReference("s3://ml-data/documents/labelled-2025.parquet", "6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b"),
        new DataSetReference("s3://ml-data/documents/holdout-2025.parquet", "d4735e3a265e16eee03f59718b9b5d03019c07d8b6c51f90da3a666eec13ab35"),
        "https://git.example.com/ops/doc-classifier", "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3", [new("epochs", TypedValue.Integer, "12")],
        [new("accuracy", TypedValue.Number, "0.94"), new("macro_f1", TypedValue.Number, "0.91")], "s3://ml-artifacts/document-classifier/1.0.0/model.bin",
        "Fine-tuned on 2025 labelled documents."), "Alice Admin", now.AddDays(-35));

    /// <summary>Someone who left: still the owner of a model, so the flag scanner raises "orphaned" and "owner departed" at start-up.</summary>
    private static UserAccount DepartedUser(DateTime now)
    {
        var dan = UserAccount.Create("demo-dan", "Dan Departed", "dan@example.test");
        dan.Deactivate("Left the company.", now.AddDays(-20));
        return dan;
    }

    /// <summary>One production model has seen no version for eight months, so "stale activity" has something to show.</summary>
    private static DateTime RegisteredAt(string key, DateTime now) => key == "document-classifier" ? now.AddDays(-240) : now;

    /// <summary>Two weeks of earlier scans, so the attention page's trend has a history before the first real scan.</summary>
    private static IEnumerable<FlagScan> DemoScanHistory(DateTime now, int models) =>
        Enumerable.Range(1, 14).Reverse().Select(daysAgo =>
        {
            var at = now.Date.AddDays(-daysAgo).AddHours(9);
            var open = new Dictionary<string, int>
            {
                ["orphaned"] = 2 + (daysAgo / 4),
                ["owner-departed"] = daysAgo > 10 ? 0 : 1,
                ["unacknowledged-ownership"] = daysAgo > 6 ? 3 : 1,
                ["stale-activity"] = 1 + (daysAgo / 7),
            };
            return FlagScan.Record("demo", "demo history", at, at.AddSeconds(1), new FlagPlan([], [], models), open);
        });

    private static IEnumerable<Team> DemoTeams()
    {
        var creditRisk = Team.Create("Credit Risk", "Retail and mortgage credit models.");
        creditRisk.SetMember("demo-mona", "Mona Manager", isManager: true);
        creditRisk.SetMember("demo-eric", "Eric Engineer", isManager: false);
        var fraud = Team.Create("Fraud", "Card and account fraud detection.");
        fraud.SetMember("demo-mona", "Mona Manager", isManager: true);
        var others = new[] { "Financial Crime", "Marketing Analytics", "Operations AI" }.Select(name =>
        {
            var team = Team.Create(name, null);
            team.SetMember("demo-alice", "Alice Admin", isManager: true);
            return team;
        });
        return [creditRisk, fraud, .. others];
    }

    /// <summary>Most models have owners; two are left orphaned on purpose, as real inventories have.</summary>
    private static IEnumerable<OwnershipAssignment> DemoOwners(List<Model> models, DateTime now)
    {
        var orphaned = new[] { "aml-transaction-monitoring", "atm-cash-forecast" };
        foreach (var model in models.Where(m => !orphaned.Contains(m.Key)))
        {
            var primary = model.Key == "fraud-account-takeover" ? ("demo-dan", "Dan Departed")
                : model.Team is "Credit Risk" or "Fraud" ? ("demo-eric", "Eric Engineer") : ("demo-alice", "Alice Admin");
            // The real-time fraud model's owner was named three weeks ago and has not acknowledged it yet.
            var assignedAt = model.Key == "fraud-card-realtime" ? now.AddDays(-21) : model.RegisteredAt;
            var assignment = OwnershipAssignment.Assign(model.Id, model.Key, primary.Item1, primary.Item2, OwnerRole.Primary, "Demo data seeder", "Initial owner", assignedAt);
            if (model.Key != "fraud-card-realtime")
            {
                assignment.Acknowledge(now);
            }
            yield return assignment;
        }
        var backupOf = models.Single(m => m.Key == "credit-default-pd");
        yield return OwnershipAssignment.Assign(backupOf.Id, backupOf.Key, "demo-mona", "Mona Manager", OwnerRole.Backup, "Demo data seeder", "Team lead covers holidays", now);
    }

    private static IEnumerable<ModelVersion> DemoVersions(Model model, DateTime now)
    {
        var training = new DataSetReference("s3://ml-data/credit/applications-2025q4.parquet", "3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea");
        var evaluation = new DataSetReference("s3://ml-data/credit/holdout-2026q1.parquet", "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
        var v1 = ModelVersion.Register(model.Id, model.Key, new VersionDetails("1.0.0", training, evaluation, "https://git.example.com/credit/pd", "4e1243bd22c66e76c2ba9eddc1f91394e57f9f83",
            [new("max_depth", TypedValue.Integer, "6"), new("learning_rate", TypedValue.Number, "0.1")],
            [new("auc", TypedValue.Number, "0.812"), new("ks", TypedValue.Number, "0.41")], "s3://ml-artifacts/credit-default-pd/1.0.0/model.bin", "First release."), "Eric Engineer", now.AddDays(-60));
        v1.MoveToStage(VersionStage.Production, "Alice Admin", now.AddDays(-55));
        var v2 = ModelVersion.Register(model.Id, model.Key, new VersionDetails("1.1.0", training with { Uri = "s3://ml-data/credit/applications-2026q1.parquet", Sha256 = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae" }, evaluation,
            "https://git.example.com/credit/pd", "9b2f1c0d5e6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c",
            [new("max_depth", TypedValue.Integer, "8"), new("learning_rate", TypedValue.Number, "0.05")],
            [new("auc", TypedValue.Number, "0.829"), new("ks", TypedValue.Number, "0.44")], "s3://ml-artifacts/credit-default-pd/1.1.0/model.bin", "Retrained on Q1 applications."), "Eric Engineer", now.AddDays(-3));
        v2.MoveToStage(VersionStage.Staging, "Alice Admin", now.AddDays(-2));
        return [v1, v2];
    }

    private static readonly ModelDetails[] DemoModels =
    [
        new("credit-default-pd", "Credit default probability", "Probability of default for retail loan applications; feeds the credit decision engine.", "Credit Risk", RiskTier.High, LifecycleStatus.Production, ["credit", "retail", "gbm"]),
        new("credit-limit-optimizer", "Credit limit optimizer", "Recommends credit limit increases for existing card holders.", "Credit Risk", RiskTier.High, LifecycleStatus.Validation, ["credit", "cards"]),
        new("fraud-card-realtime", "Card fraud (real-time)", "Scores card authorisations for fraud within 50 ms.", "Fraud", RiskTier.High, LifecycleStatus.Production, ["fraud", "realtime", "xgboost"]),
        new("fraud-account-takeover", "Account takeover detection", "Flags sessions likely to be account takeovers.", "Fraud", RiskTier.Medium, LifecycleStatus.Production, ["fraud", "sessions"]),
        new("aml-transaction-monitoring", "AML transaction monitoring", "Ranks transactions for anti-money-laundering investigation.", "Financial Crime", RiskTier.High, LifecycleStatus.Validation, ["aml", "graph"]),
        new("churn-retail", "Retail churn", "Predicts which retail customers will close their accounts within 90 days.", "Marketing Analytics", RiskTier.Low, LifecycleStatus.Production, ["marketing", "churn"]),
        new("next-best-offer", "Next best offer", "Chooses which product to offer a customer in the mobile app.", "Marketing Analytics", RiskTier.Medium, LifecycleStatus.Development, ["marketing", "recommender"]),
        new("collections-prioritization", "Collections prioritization", "Orders overdue accounts for the collections team.", "Credit Risk", RiskTier.Medium, LifecycleStatus.Production, ["credit", "collections"]),
        new("document-classifier", "Document classifier", "Classifies uploaded customer documents by type.", "Operations AI", RiskTier.Low, LifecycleStatus.Production, ["nlp", "documents"]),
        new("call-summary-llm", "Call summary (LLM)", "Summarises customer service calls for the CRM.", "Operations AI", RiskTier.Medium, LifecycleStatus.Validation, ["llm", "nlp"]),
        new("mortgage-affordability", "Mortgage affordability", "Estimates affordable monthly payments for mortgage applicants.", "Credit Risk", RiskTier.High, LifecycleStatus.Development, ["credit", "mortgage"]),
        new("atm-cash-forecast", "ATM cash forecast", "Forecasts cash demand per ATM for replenishment planning.", "Operations AI", RiskTier.Low, LifecycleStatus.Production, ["forecasting"]),
    ];
}
