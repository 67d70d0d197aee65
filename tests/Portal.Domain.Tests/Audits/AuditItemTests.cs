using Portal.Domain.Access;
using Portal.Domain.Audits;

namespace Portal.Domain.Tests.Audits;

public class AuditItemTests
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 30, 0, DateTimeKind.Utc);

    private static AuditItem Item() => AuditItem.Ask(Guid.NewGuid(), 1, 7, "credit-pd", " Which data? ", "eric", "Eric", Now);

    [Fact]
    public void An_item_goes_open_answered_returned_answered_accepted_and_counts_its_rounds()
    {
        var item = Item();
        item.MarkAnswered(Now);
        item.Return("Show the hash.", Now);
        Assert.Equal((AuditItemStatus.Returned, "Show the hash."), (item.Status, item.ReturnComment));
        item.MarkAnswered(Now);
        Assert.Null(item.ReturnComment);
        item.Accept(Now);
        Assert.Equal((AuditItemStatus.Accepted, 2, "AuditItem.Accepted"), (item.Status, item.Round, item.PendingAuditAction));
    }

    [Fact]
    public void An_open_item_cannot_be_accepted_or_returned_and_an_accepted_one_cannot_be_answered_or_reassigned()
    {
        var item = Item();
        Assert.Throws<InvalidOperationException>(() => item.Accept(Now));
        Assert.Throws<InvalidOperationException>(() => item.Return("No.", Now));
        item.MarkAnswered(Now);
        Assert.Throws<InvalidOperationException>(() => item.MarkAnswered(Now));
        item.Accept(Now);
        Assert.Throws<InvalidOperationException>(() => item.MarkAnswered(Now));
        Assert.Throws<InvalidOperationException>(() => item.Reassign("mona", "Mona", Now));
    }

    [Fact]
    public void Only_the_assignee_answers_and_only_the_requester_decides()
    {
        var item = Item();
        var request = AuditRequest.Open(Guid.NewGuid(), new AuditRequestDraft("Review", ["credit-pd"], ["Q"], Now.AddDays(1), AuditPriority.High),
            ["credit-pd"], "audrey", "Audrey", Now);
        Actor Person(string id, string role) => new(id, id, new HashSet<string> { role });
        Assert.Null(AuditRules.WhoAnswersProblem(Person("eric", PortalRoles.Engineer), item));
        Assert.NotNull(AuditRules.WhoAnswersProblem(Person("mona", PortalRoles.Engineer), item));
        Assert.Null(AuditRules.WhoDecidesProblem(Person("audrey", PortalRoles.Auditor), request));
        Assert.NotNull(AuditRules.WhoDecidesProblem(Person("eric", PortalRoles.Auditor), request));
        Assert.NotNull(AuditRules.NewAssigneeProblem("audrey", true, true, request, "credit-pd"));
        Assert.NotNull(AuditRules.NewAssigneeProblem("stranger", true, false, request, "credit-pd"));
        Assert.NotNull(AuditRules.NewAssigneeProblem("gone", false, true, request, "credit-pd"));
        Assert.Null(AuditRules.NewAssigneeProblem("mona", true, true, request, "credit-pd"));
    }

    [Fact]
    public void A_request_closes_only_when_every_item_is_accepted()
    {
        var request = AuditRequest.Open(Guid.NewGuid(), new AuditRequestDraft("Review", ["m"], ["Q"], Now.AddDays(1), AuditPriority.Low), ["m"], "a", "A", Now);
        var (first, second) = (Item(), Item());
        first.MarkAnswered(Now);
        first.Accept(Now);
        request.CloseIfDone([first, second], Now);
        Assert.Equal(AuditRequestStatus.Open, request.Status);
        second.MarkAnswered(Now);
        second.Accept(Now);
        request.CloseIfDone([first, second], Now);
        Assert.Equal((AuditRequestStatus.Closed, Now), (request.Status, request.ClosedAt));
    }

    [Fact]
    public void A_snapshot_hashes_its_json_and_detects_a_change()
    {
        var snapshot = EvidenceSnapshot.Capture("model-version", "1.0.0", "Version 1.0.0", "/models/m", new { Stage = "Production" }, Now);
        Assert.Equal("{\"stage\":\"Production\"}", snapshot.ContentJson);
        Assert.Equal("31f4a54706b412dfd05d2a36070c27b1888ad2442146fbba22c005847339762b", snapshot.Sha256); // sha256sum of the JSON
        Assert.True(snapshot.IsIntact);
        Assert.False((snapshot with { ContentJson = "{\"stage\":\"Archived\"}" }).IsIntact);
    }
}
