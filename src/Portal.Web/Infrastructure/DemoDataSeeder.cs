using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Directory;
using Portal.Domain.Inventory;
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
        db.Users.AddRange(DemoUsers.All.Select(u => UserAccount.Create(u.Subject, u.Name, u.Email)));
        db.Models.AddRange(DemoModels.Select(d => Model.Register(d, "Eric Engineer", now)));
        db.Actor = Seeder;
        await db.SaveChangesAsync(cancellationToken);
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
