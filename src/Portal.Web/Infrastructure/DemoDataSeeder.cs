using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Directory;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;
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
        db.Users.AddRange(DemoUsers.All.Select(u => UserAccount.Create(u.Subject, u.Name, u.Email)));
        db.Teams.AddRange(DemoTeams());
        var models = DemoModels.Select(d => Model.Register(d, "Eric Engineer", now)).ToList();
        db.Models.AddRange(models);
        await db.SaveChangesAsync(cancellationToken);
        db.OwnershipAssignments.AddRange(DemoOwners(models, now));
        var credit = models.Single(m => m.Key == "credit-default-pd");
        var creditVersions = DemoVersions(credit, now).ToList();
        db.ModelVersions.AddRange(creditVersions);
        await db.SaveChangesAsync(cancellationToken);
        db.FairnessEvaluations.AddRange(Features.Fairness.DemoFairnessData.For(credit, creditVersions, now));
        await db.SaveChangesAsync(cancellationToken);
    }

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
            var primary = model.Team is "Credit Risk" or "Fraud" ? ("demo-eric", "Eric Engineer") : ("demo-alice", "Alice Admin");
            var assignment = OwnershipAssignment.Assign(model.Id, model.Key, primary.Item1, primary.Item2, OwnerRole.Primary, "Demo data seeder", "Initial owner", now);
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
