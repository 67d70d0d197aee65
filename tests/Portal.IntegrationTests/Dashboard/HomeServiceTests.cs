using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.Releases;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.Dashboard;
using Portal.Web.Features.Releases;

namespace Portal.IntegrationTests.Dashboard;

/// <summary>The portal with demo data, shared by the home page tests.</summary>
public sealed class DemoPortal : IDisposable
{
    private readonly PortalFactory portal = new();

    public DemoPortal() => App = portal.WithWebHostBuilder(b => b.UseSetting("Portal:SeedDemoData", "true"));

    public WebApplicationFactory<Program> App { get; }

    public void Dispose()
    {
        App.Dispose();
        portal.Dispose();
    }
}

/// <summary>Each role's home leads with that person's own work, and someone with several roles sees each section.</summary>
public sealed class HomeServiceTests(DemoPortal demo) : IClassFixture<DemoPortal>
{
    private HomeService Home => demo.App.Services.GetRequiredService<HomeService>();

    private static Actor Person(string subject, params string[] roles) => new(subject, subject, new HashSet<string>(roles));

    [Fact]
    public async Task The_reviewer_home_leads_with_the_release_awaiting_their_signature()
    {
        var pending = (await demo.App.Services.GetRequiredService<ReleaseService>().ListAsync(Person("demo-audrey", PortalRoles.Auditor), "credit-default-pd",
            ReleaseStatus.Pending)).Items.Single();

        var section = Assert.Single(await Home.SectionsAsync(Person("demo-rita", PortalRoles.ComplianceReviewer)), s => s.Id == "home-reviewer");

        Assert.Equal("home-reviewer", section.Id);
        var item = Assert.Single(section.Items, i => i.Title.Contains("awaits your signature", StringComparison.Ordinal));
        Assert.Equal($"/releases/{pending.Id}", item.Link);
    }

    [Fact]
    public async Task The_requester_and_owner_of_a_release_is_not_asked_to_sign_it_even_as_a_reviewer()
    {
        var sections = await Home.SectionsAsync(Person("demo-eric", PortalRoles.ComplianceReviewer));
        Assert.DoesNotContain(Assert.Single(sections, s => s.Id == "home-reviewer").Items, i => i.Title.Contains("credit-default-pd", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_manager_home_lists_their_teams_unacknowledged_ownership_and_not_other_teams_orphans()
    {
        var section = Assert.Single(await Home.SectionsAsync(Person("demo-mona", PortalRoles.Manager)));

        Assert.Equal("home-manager", section.Id);
        Assert.Contains(section.Items, i => i.Title == "Eric Engineer has not acknowledged fraud-card-realtime" && i.Link == "/models/fraud-card-realtime?tab=ownership");
        Assert.DoesNotContain(section.Items, i => i.Title.Contains("aml-transaction-monitoring", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_manager_of_the_orphaned_models_team_sees_it_orphaned()
    {
        var section = Assert.Single(await Home.SectionsAsync(Person("demo-alice", PortalRoles.Manager)));
        Assert.Contains(section.Items, i => i.Title == "aml-transaction-monitoring has no active primary owner");
    }

    [Fact]
    public async Task A_manager_sees_a_model_whose_primary_owner_left_as_orphaned_and_is_addressed_for_her_own_ownership()
    {
        var section = Assert.Single(await Home.SectionsAsync(Person("demo-mona", PortalRoles.Manager)));

        // Dan Departed, fraud-account-takeover's primary owner, is deactivated in the directory: the model has nobody accountable.
        Assert.Contains(section.Items, i => i.Title == "fraud-account-takeover has no active primary owner" && i.Link == "/models/fraud-account-takeover?tab=ownership");
        Assert.Contains(section.Items, i => i.Title == "You have not acknowledged credit-default-pd");
    }

    [Fact]
    public async Task The_engineer_home_lists_the_failing_gates_of_their_pending_request()
    {
        var section = (await Home.SectionsAsync(Person("demo-eric", PortalRoles.Engineer))).Single(s => s.Id == "home-engineer");

        Assert.Contains(section.Items, i => i.Title.Contains("of credit-default-pd 1.1.0:", StringComparison.Ordinal) && i.Title.Contains("failing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_admin_home_shows_system_health_and_the_auditor_home_the_chain_and_open_requests()
    {
        var admin = Assert.Single(await Home.SectionsAsync(Person("demo-alice", PortalRoles.Admin)));
        Assert.Equal("home-admin", admin.Id);
        Assert.Contains(admin.Items, i => i.Title.StartsWith("Audit chain", StringComparison.Ordinal) || i.Title.StartsWith("The audit chain", StringComparison.Ordinal));
        Assert.Contains(admin.Items, i => i.Link == "/admin/service-tokens");

        var auditor = (await Home.SectionsAsync(Person("demo-audrey", PortalRoles.Auditor))).Single(s => s.Id == "home-auditor");
        Assert.Contains(auditor.Items, i => i.Title.Contains("credit-default-pd 1.1.0 → Production is open", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Someone_with_several_roles_sees_each_roles_section_in_order()
    {
        var sections = await Home.SectionsAsync(Person("demo-multi", PortalRoles.ComplianceReviewer, PortalRoles.Manager, PortalRoles.Auditor));
        Assert.Equal(["home-reviewer", "home-findings-close", "home-manager", "home-auditor", "home-audit-requests"], sections.Select(s => s.Id));
    }

    [Fact]
    public async Task The_engineer_home_lists_the_audit_question_to_answer_and_the_auditor_home_the_open_request()
    {
        var engineer = (await Home.SectionsAsync(Person("demo-eric", PortalRoles.Engineer))).Single(s => s.Id == "home-audit-items");
        var item = Assert.Single(engineer.Items);
        Assert.Contains("question 2 of \"Annual model risk review: credit scoring\"", item.Title, StringComparison.Ordinal);
        Assert.StartsWith("/audits/", item.Link, StringComparison.Ordinal);

        var auditor = (await Home.SectionsAsync(Person("demo-audrey", PortalRoles.Auditor))).Single(s => s.Id == "home-audit-requests");
        var open = Assert.Single(auditor.Items);
        Assert.Equal("Annual model risk review: credit scoring", open.Title);
    }

    [Fact]
    public async Task The_engineer_home_lists_the_findings_they_remediate_and_the_reviewer_home_those_to_close()
    {
        var remediate = Assert.Single(await Home.SectionsAsync(Person("demo-eric", PortalRoles.Engineer)), s => s.Id == "home-findings-remediate");
        var item = Assert.Single(remediate.Items);
        Assert.Equal("High finding on credit-default-pd: Holdout overlaps the training window", item.Title);
        Assert.StartsWith("/findings/", item.Link, StringComparison.Ordinal);

        var close = Assert.Single(await Home.SectionsAsync(Person("demo-rita", PortalRoles.ComplianceReviewer)), s => s.Id == "home-findings-close");
        Assert.Equal("Medium finding on credit-default-pd remediated: No drift monitoring on income", Assert.Single(close.Items).Title);
    }

    [Fact]
    public async Task The_remediation_owner_is_not_asked_to_close_their_own_finding_even_as_a_reviewer() =>
        Assert.Empty(Assert.Single(await Home.SectionsAsync(Person("demo-eric", PortalRoles.ComplianceReviewer)), s => s.Id == "home-findings-close").Items);

    [Fact]
    public async Task Someone_without_a_portal_role_gets_no_home() =>
        await Assert.ThrowsAsync<AccessDeniedException>(() => Home.SectionsAsync(Person("demo-nadia")));
}
