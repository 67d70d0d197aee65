using Portal.Domain.Audits;
using Portal.Domain.Flags;
using Portal.Domain.Flags.Rules;
using Portal.Domain.Inventory;

namespace Portal.Domain.Tests.Audits;

public class AuditRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 14, 9, 30, 0, DateTimeKind.Utc);

    private static AuditRequestDraft Draft() => new("Annual review", ["credit-pd"], ["Which data?"], Now.AddDays(14), AuditPriority.High);

    [Fact]
    public void A_complete_draft_has_no_problem()
    {
        Assert.Empty(AuditRules.Validate(Draft(), Now));
    }

    [Fact]
    public void Each_problem_names_its_field()
    {
        Assert.Contains("title", AuditRules.Validate(Draft() with { Title = "Two\nlines" }, Now).Keys);
        Assert.Contains("models", AuditRules.Validate(Draft() with { ModelKeys = [] }, Now).Keys);
        Assert.Contains("questions", AuditRules.Validate(Draft() with { Questions = [new string('q', AuditRules.QuestionMaxLength + 1)] }, Now).Keys);
        Assert.Contains("questions", AuditRules.Validate(Draft() with { Questions = ["bad\u0000"] }, Now).Keys);
        Assert.Contains("dueAt", AuditRules.Validate(Draft() with { DueAt = Now }, Now).Keys);
        Assert.Contains("dueAt", AuditRules.Validate(Draft() with { DueAt = Now.AddDays(AuditRules.MaxDaysToAnswer + 1) }, Now).Keys);
        Assert.Contains("scopeTo", AuditRules.Validate(Draft() with { ScopeFrom = Now, ScopeTo = Now.AddDays(-1) }, Now).Keys);
        Assert.Contains("priority", AuditRules.Validate(Draft() with { Priority = (AuditPriority)42 }, Now).Keys);
    }

    [Theory]
    [InlineData("urgent", AuditPriority.Urgent)]
    [InlineData(" Low ", AuditPriority.Low)]
    [InlineData("3", null)]
    [InlineData("soon", null)]
    public void Priorities_parse_by_name_only(string text, AuditPriority? expected) => Assert.Equal(expected, AuditRules.ParsePriority(text));

    [Fact]
    public void Answers_and_return_comments_are_required_and_bounded()
    {
        Assert.NotNull(AuditRules.AnswerProblem(" "));
        Assert.NotNull(AuditRules.AnswerProblem(new string('a', AuditRules.AnswerMaxLength + 1)));
        Assert.Null(AuditRules.AnswerProblem("Line one\nline two"));
        Assert.NotNull(AuditRules.ReturnCommentProblem(null));
        Assert.Null(AuditRules.CommentProblem(null));
    }

    [Fact]
    public void The_overdue_rule_flags_unanswered_items_past_their_due_date_only()
    {
        var rule = new OverdueAuditItemRule();
        var facts = new ModelFacts(1, "credit-pd", "Credit Risk", RiskTier.High, LifecycleStatus.Production, Now.AddYears(-1));
        var settings = RuleSettings.DefaultsOf(rule);
        facts.OpenAuditItems.Add(new AuditItemFact(Guid.NewGuid(), 2, "Annual review", Now.AddDays(1), "Eric"));
        Assert.Null(rule.Evaluate(facts, settings, Now));
        facts.OpenAuditItems.Add(new AuditItemFact(Guid.NewGuid(), 1, "Spot check", Now.AddDays(-2), "Eric"));
        var condition = rule.Evaluate(facts, settings, Now);
        Assert.NotNull(condition);
        Assert.Equal(Now.AddDays(-2), condition.Since);
        Assert.Contains("question 1 of \"Spot check\"", condition.Detail);
    }
}
