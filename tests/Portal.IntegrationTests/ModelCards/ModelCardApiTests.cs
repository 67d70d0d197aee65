using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Releases;
using Portal.Web.Features.ModelCards;
using static Portal.IntegrationTests.Releases.ReleasePortal;

namespace Portal.IntegrationTests.ModelCards;

public sealed class ModelCardApiTests(ReleasePortal portal) : IClassFixture<ReleasePortal>
{
    private HttpClient Engineer => portal.ClientAs(PortalRoles.Engineer);

    [Fact]
    public async Task Each_save_is_a_new_revision_readable_latest_or_by_number_and_listed_newest_first()
    {
        var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        await Engineer.PutSectionAsync(key, "model-details", 0, "A **gradient-boosted** model.", "First draft", versionLabel: "2.0.0");
        await Engineer.PutSectionAsync(key, "model-details", 1, "A gradient-boosted model of default risk.", "Clearer");

        var latest = await Engineer.CardAsync(key);
        var first = await Engineer.CardAsync(key, 1);
        var revisions = await (await Engineer.GetAsync($"/api/v1/models/{key}/card/revisions")).ReadJsonAsync();

        Assert.Equal(2, latest.GetProperty("revision").GetInt32());
        Assert.Equal("A gradient-boosted model of default risk.", latest.GetProperty("sections")[0].GetProperty("markdown").GetString());
        Assert.Contains("<strong>gradient-boosted</strong>", first.GetProperty("sections")[0].GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Equal("2.0.0", first.GetProperty("versionLabel").GetString());
        Assert.Equal([2, 1], revisions.EnumerateArray().Select(r => r.GetProperty("revision").GetInt32()));
        Assert.Equal("Clearer", revisions[0].GetProperty("changeSummary").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Engineer.GetAsync($"/api/v1/models/{key}/card?revision=9")).StatusCode);
    }

    [Fact]
    public async Task A_save_that_names_no_version_keeps_the_cards_tie_and_an_empty_label_unties_it()
    {
        var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        (await Engineer.PutSectionAsync(key, "model-details", 0, "A model.", "Tied", versionLabel: "2.0.0")).EnsureSuccessStatusCode();

        (await Engineer.PutSectionAsync(key, "factors", 1, "Age.", "Typo fixed")).EnsureSuccessStatusCode();
        Assert.Equal("2.0.0", (await Engineer.CardAsync(key)).GetProperty("versionLabel").GetString());

        (await Engineer.PutSectionAsync(key, "factors", 2, "Age and region.", "No longer about 2.0.0", versionLabel: "")).EnsureSuccessStatusCode();
        var untied = await Engineer.CardAsync(key);
        Assert.Equal(3, untied.GetProperty("revision").GetInt32());
        Assert.True(!untied.TryGetProperty("versionLabel", out var label) || label.ValueKind == System.Text.Json.JsonValueKind.Null);
        Assert.Equal("2.0.0", (await Engineer.CardAsync(key, 2)).GetProperty("versionLabel").GetString());
    }

    [Fact]
    public async Task Two_edits_of_the_same_revision_one_wins_and_the_other_gets_a_409_naming_who()
    {
        var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        await Engineer.PutSectionAsync(key, "factors", 0, "Age.", "Start");

        var both = await Task.WhenAll(
            Engineer.PutSectionAsync(key, "factors", 1, "Age and region.", "Region"),
            portal.ClientAs(PortalRoles.Admin).PutSectionAsync(key, "metrics", 1, "AUC.", "Metric"));

        Assert.Single(both, r => r.StatusCode == HttpStatusCode.OK);
        var conflict = Assert.Single(both, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Contains("since you read it (now revision 2", (await conflict.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, (await Engineer.CardAsync(key)).GetProperty("latestRevision").GetInt32());
    }

    [Fact]
    public async Task Bad_input_is_a_400_that_changes_nothing()
    {
        var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");

        var unknown = await Engineer.PutSectionAsync(key, "secret-section", 0, "x");
        var control = await Engineer.PutSectionAsync(key, "factors", 0, "bad\u0000text");
        var huge = await Engineer.PutSectionAsync(key, "factors", 0, new string('x', 20_001));
        var noSummary = await Engineer.PutSectionAsync(key, "factors", 0, "ok", summary: " ");
        var untitled = await Engineer.PutSectionAsync(key, "custom-monitoring", 0, "ok");
        var noVersion = await Engineer.PutSectionAsync(key, "factors", 0, "ok", versionLabel: "9.9.9");

        Assert.All(new[] { unknown, control, huge, noSummary, untitled, noVersion }, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(0, (await Engineer.CardAsync(key)).GetProperty("latestRevision").GetInt32());
    }

    [Fact]
    public async Task A_custom_section_is_saved_under_its_key_with_its_title()
    {
        var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");

        var saved = await Engineer.PutSectionAsync(key, "custom-monitoring", 0, "Weekly drift checks.", "Monitoring", title: "Monitoring");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var custom = (await saved.ReadJsonAsync()).GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "custom-monitoring");
        Assert.Equal("Monitoring", custom.GetProperty("title").GetString());
        Assert.True(custom.GetProperty("custom").GetBoolean());
    }

    [Fact]
    public async Task Compare_counts_words_added_and_removed_per_section()
    {
        var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        await Engineer.PutSectionAsync(key, "factors", 0, "Age and region matter.", "One");
        await Engineer.PutSectionAsync(key, "factors", 1, "Age and income matter a lot.", "Two");

        var comparison = await (await Engineer.GetAsync($"/api/v1/models/{key}/card/compare?left=1&right=2")).ReadJsonAsync();

        var factors = comparison.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "factors");
        Assert.Equal(3, factors.GetProperty("wordsAdded").GetInt32());
        Assert.Equal(1, factors.GetProperty("wordsRemoved").GetInt32());
    }

    [Fact]
    public async Task A_reviewer_marks_the_latest_revision_reviewed_the_owners_are_told_and_a_later_edit_needs_a_new_review()
    {
        var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        var revision = await portal.CompleteLowCardAsync(key);
        var reviews = await portal.CountAuditAsync("ModelCard.Reviewed");

        var review = await portal.Cards().ReviewAsync(Reviewer("rev-card"), portal.FreshSession, key, new ReviewRequest(revision, "Reads well."));

        Assert.Equal("Reviewer rev-card", review.ReviewerName);
        Assert.Equal(reviews + 1, await portal.CountAuditAsync("ModelCard.Reviewed"));
        var card = await Engineer.CardAsync(key);
        Assert.Equal("Reads well.", card.GetProperty("review").GetProperty("note").GetString());
        await using (var db = portal.OpenDatabase())
        {
            var command = db.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM Notifications WHERE RecipientSubject = 'owner-{key}' AND Title = 'Card of {key} reviewed' AND Link = '/models/{key}?tab=card'";
            Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
        }

        await Engineer.PutSectionAsync(key, "factors", revision, "Age.", "Factors");
        var edited = await Engineer.CardAsync(key);
        Assert.Equal(JsonValueKindNull, edited.GetProperty("review").ValueKind);
        await Assert.ThrowsAsync<Portal.Web.Features.Shared.ConflictException>(() =>
            portal.Cards().ReviewAsync(Reviewer("rev-card"), portal.FreshSession, key, new ReviewRequest(revision, "Old one.")));
    }

    [Fact]
    public async Task Reviewers_are_told_when_a_revision_awaits_review()
    {
        var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        await portal.App.Services.GetRequiredService<Portal.Web.Auth.UserDirectoryService>()
            .RecordSignInAsync("rev-notified", "Rita", "rita@example.test", new HashSet<string> { PortalRoles.ComplianceReviewer });

        await Engineer.PutSectionAsync(key, "factors", 0, "Age.", "Factors");

        await using var db = portal.OpenDatabase();
        var command = db.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM Notifications WHERE RecipientSubject = 'rev-notified' AND Title = 'Card of {key} awaits review'";
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task The_model_card_gate_fails_naming_what_is_missing_then_passes_once_complete_and_reviewed()
    {
        var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");

        var none = await GateAsync(id);
        Assert.False(none.Passed);
        Assert.Contains("has no model card yet", none.Reason, StringComparison.Ordinal);

        await Engineer.PutSectionAsync(key, "model-details", 0, CardRequests.Words(25), "Details");
        var incomplete = await GateAsync(id);
        Assert.False(incomplete.Passed);
        Assert.Contains("Intended use is empty (needs at least 20 words)", incomplete.Reason, StringComparison.Ordinal);

        await Engineer.PutSectionAsync(key, "intended-use", 1, CardRequests.Words(25), "Use");
        var unreviewed = await GateAsync(id);
        Assert.False(unreviewed.Passed);
        Assert.Contains("not reviewed", unreviewed.Reason, StringComparison.Ordinal);

        await portal.Cards().ReviewAsync(Reviewer("rev-gate"), portal.FreshSession, key, new ReviewRequest(2, null));
        var passed = await GateAsync(id);
        Assert.True(passed.Passed, passed.Reason);
        Assert.Contains("reviewed by Reviewer rev-gate", passed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_change_is_a_new_audited_version_and_a_stale_one_is_a_409()
    {
        var reviewer = portal.ClientAs(PortalRoles.ComplianceReviewer);
        var current = await (await reviewer.GetAsync("/api/v1/card-templates/Medium")).ReadJsonAsync();
        var version = current[0].GetProperty("version").GetInt32();
        var body = new { expectedVersion = version, requirements = new[] { new { key = "factors", title = "Factors", minWords = 40 } }, reason = "Factors first" };

        var changed = await reviewer.PutJsonAsync("/api/v1/card-templates/Medium", body);
        var stale = await reviewer.PutJsonAsync("/api/v1/card-templates/Medium", body);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(version + 1, (await changed.ReadJsonAsync()).GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.True(await portal.CountAuditAsync("CardTemplate.Changed") >= 1);
        Assert.Equal(HttpStatusCode.Forbidden, (await Engineer.PutJsonAsync("/api/v1/card-templates/Low",
            new { expectedVersion = 0, requirements = Array.Empty<object>() })).StatusCode);
    }

    [Fact]
    public async Task A_card_exported_as_hugging_face_markdown_imports_back_to_the_same_sections_and_a_preview_saves_nothing()
    {
        var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        await Engineer.PutSectionAsync(key, "model-details", 0, "A **gradient-boosted** model.", "Details", versionLabel: "2.0.0");
        await Engineer.PutSectionAsync(key, "custom-monitoring", 1, "Weekly drift checks.", "Monitoring", title: "Monitoring");

        var exported = await (await Engineer.GetAsync($"/api/v1/models/{key}/card/export.md?revision=2")).Content.ReadAsStringAsync();
        Assert.StartsWith("---\ntags:", exported, StringComparison.Ordinal);
        Assert.Contains("model-index:", exported, StringComparison.Ordinal);
        Assert.Contains("## Monitoring", exported, StringComparison.Ordinal);

        var other = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        var preview = await (await Engineer.PostJsonAsync($"/api/v1/models/{other}/card/import", new { readme = exported, preview = true })).ReadJsonAsync();
        Assert.Equal(["model-details", "custom-monitoring"], preview.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("key").GetString()));
        Assert.Equal(0, (await Engineer.CardAsync(other)).GetProperty("latestRevision").GetInt32());

        var saved = await Engineer.PostJsonAsync($"/api/v1/models/{other}/card/import", new { readme = exported, revision = 0, changeSummary = "Imported" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var original = (await Engineer.CardAsync(key)).GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("markdown").GetString()).ToList();
        var copy = (await Engineer.CardAsync(other)).GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("markdown").GetString()).ToList();
        Assert.Equal(original, copy);
    }

    [Fact]
    public async Task An_imported_licence_is_kept_by_later_saves_and_exported_again_and_a_licence_that_is_not_one_line_is_refused()
    {
        var key = await portal.ModelAsync("Low", withReviewedCard: false, "eng-a");
        const string Readme = "---\nlicense: apache-2.0\ntags:\n- credit\n---\n\n# m\n\n## Model details\n\nA logistic model.\n";

        var imported = await Engineer.PostJsonAsync($"/api/v1/models/{key}/card/import", new { readme = Readme, revision = 0, changeSummary = "Imported" });
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal("apache-2.0", (await imported.ReadJsonAsync()).GetProperty("license").GetString());
        await Engineer.PutSectionAsync(key, "factors", 1, "Age and region.", "Factors");

        Assert.Equal("apache-2.0", (await Engineer.CardAsync(key)).GetProperty("license").GetString());
        var exported = await (await Engineer.GetAsync($"/api/v1/models/{key}/card/export.md")).Content.ReadAsStringAsync();
        Assert.StartsWith("---\nlicense: apache-2.0\n", exported, StringComparison.Ordinal);

        var tooLong = await Engineer.PostJsonAsync($"/api/v1/models/{key}/card/import",
            new { readme = $"---\nlicense: {new string('x', 101)}\n---\n\n## Factors\n\nNone.\n", revision = 2, changeSummary = "Imported" });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(2, (await Engineer.CardAsync(key)).GetProperty("latestRevision").GetInt32());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private async Task<Portal.Web.Features.Releases.GateView> GateAsync(int requestId) =>
        Assert.Single((await portal.Releases.GetAsync(Admin, requestId)).Gates, g => g.Gate == ModelCardGate.GateName);
}
