using Portal.Domain.Inventory;

namespace Portal.Domain.Tests.Inventory;

public class ModelRulesTests
{
    internal static readonly ModelDetails Valid = new(
        "fraud-score", "Fraud score", "Scores card transactions.", "Payments", RiskTier.High, LifecycleStatus.Production, ["credit", "retail"]);

    private static Dictionary<string, string[]> Errors(ModelDetails details, bool isNew = true) => ModelRules.Validate(details, isNew);

    private static string? Error(ModelDetails details, string field, bool isNew = true) =>
        Errors(details, isNew).TryGetValue(field, out var messages) ? Assert.Single(messages) : null;

    private static void AssertOnlyError(ModelDetails details, string field, string message, bool isNew = true)
    {
        var errors = Errors(details, isNew);

        Assert.Equal(new[] { field }, errors.Keys);
        Assert.Equal(message, Assert.Single(errors[field]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Valid_details_have_no_errors(bool isNew)
    {
        Assert.Empty(Errors(Valid, isNew));
    }

    [Fact]
    public void Every_invalid_field_is_reported_against_its_own_name()
    {
        var details = new ModelDetails("", "", new string('d', 4001), "", (RiskTier)9, LifecycleStatus.Retired, ["bad tag"]);

        var errors = Errors(details);

        Assert.Equal(
            new[] { "description", "key", "name", "riskTier", "status", "tags", "team" },
            errors.Keys.Order(StringComparer.Ordinal));
    }

    // Key

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Key_is_required(string? key)
    {
        AssertOnlyError(Valid with { Key = key! }, "key", "Key is required.");
    }

    [Fact]
    public void Key_of_64_characters_is_accepted()
    {
        Assert.Null(Error(Valid with { Key = new string('k', ModelRules.KeyMaxLength) }, "key"));
    }

    [Fact]
    public void Key_of_65_characters_is_refused()
    {
        AssertOnlyError(Valid with { Key = new string('k', ModelRules.KeyMaxLength + 1) }, "key", "Key must be at most 64 characters.");
    }

    [Fact]
    public void Key_length_is_measured_after_trimming()
    {
        Assert.Null(Error(Valid with { Key = "  " + new string('k', ModelRules.KeyMaxLength) + "  " }, "key"));
    }

    [Theory]
    [InlineData("fraud-score")]
    [InlineData("Fraud.Score_v2")]
    [InlineData("9lives")]
    [InlineData("a")]
    [InlineData(" churn ")]
    public void Well_formed_keys_are_accepted(string key)
    {
        Assert.Null(Error(Valid with { Key = key }, "key"));
    }

    [Theory]
    [InlineData("-fraud")]
    [InlineData(".fraud")]
    [InlineData("_fraud")]
    [InlineData("fraud score")]
    [InlineData("fraud/score")]
    [InlineData("fraud%")]
    [InlineData("fraud\u0000")]
    [InlineData("fraud\nscore")]
    [InlineData("fra\u0301ud")]
    [InlineData("ключ")]
    [InlineData("fraud\u200b")]
    public void Malformed_keys_are_refused(string key)
    {
        AssertOnlyError(Valid with { Key = key }, "key",
            "Key must start with a letter or digit and use only letters, digits, '.', '-' and '_'.");
    }

    [Fact]
    public void Key_is_not_checked_when_editing()
    {
        Assert.Empty(Errors(Valid with { Key = "" }, isNew: false));
    }

    [Theory]
    [InlineData("fraud-score", "FRAUD-SCORE")]
    [InlineData("  Fraud.Score ", "FRAUD.SCORE")]
    public void Normalized_key_is_trimmed_and_upper_case(string key, string normalized)
    {
        Assert.Equal(normalized, ModelRules.NormalizeKey(key));
    }

    // Name, description, team

    [Theory]
    [InlineData("")]
    [InlineData("  \t ")]
    [InlineData(null)]
    public void Name_is_required(string? name)
    {
        AssertOnlyError(Valid with { Name = name! }, "name", "Name is required.");
    }

    [Fact]
    public void Name_of_200_characters_is_accepted_and_201_refused()
    {
        Assert.Null(Error(Valid with { Name = new string('n', 200) }, "name"));
        AssertOnlyError(Valid with { Name = new string('n', 201) }, "name", "Name must be at most 200 characters.");
    }

    [Fact]
    public void Name_length_is_measured_after_trimming()
    {
        Assert.Null(Error(Valid with { Name = "   " + new string('n', 200) + "   " }, "name"));
    }

    [Theory]
    [InlineData("Fraud\u0000score")]
    [InlineData("Fraud\u0007score")]
    [InlineData("Fraud\u001bscore")]
    [InlineData("Fraud\u007fscore")]
    [InlineData("\u0008Fraud")]
    [InlineData("Fraud\nscore")]
    [InlineData("Fraud\tscore")]
    public void Name_with_control_characters_is_refused(string name)
    {
        AssertOnlyError(Valid with { Name = name }, "name", "Name must not contain control characters.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Description_is_optional(string? description)
    {
        Assert.Empty(Errors(Valid with { Description = description }));
    }

    [Fact]
    public void Description_may_span_lines_and_use_tabs()
    {
        Assert.Empty(Errors(Valid with { Description = "Line one\r\nLine two\n\tindented" }));
    }

    [Fact]
    public void Description_of_4000_characters_is_accepted_and_4001_refused()
    {
        Assert.Null(Error(Valid with { Description = new string('d', 4000) }, "description"));
        AssertOnlyError(Valid with { Description = new string('d', 4001) }, "description", "Description must be at most 4000 characters.");
    }

    [Fact]
    public void Description_with_a_control_character_is_refused()
    {
        AssertOnlyError(Valid with { Description = "Scores\u0000transactions" }, "description",
            "Description must not contain control characters.");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    public void Team_is_required(string? team)
    {
        AssertOnlyError(Valid with { Team = team! }, "team", "Team is required.");
    }

    [Fact]
    public void Team_of_100_characters_is_accepted_and_101_refused()
    {
        Assert.Null(Error(Valid with { Team = new string('t', 100) }, "team"));
        AssertOnlyError(Valid with { Team = new string('t', 101) }, "team", "Team must be at most 100 characters.");
    }

    [Theory]
    [InlineData("Pay\u0001ments")]
    [InlineData("Pay\r\nments")]
    public void Team_with_a_control_character_or_line_break_is_refused(string team)
    {
        AssertOnlyError(Valid with { Team = team }, "team", "Team must not contain control characters.");
    }

    // Risk tier and status

    [Theory]
    [InlineData(RiskTier.Low)]
    [InlineData(RiskTier.Medium)]
    [InlineData(RiskTier.High)]
    public void Defined_risk_tiers_are_accepted(RiskTier tier)
    {
        Assert.Empty(Errors(Valid with { RiskTier = tier }));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void Undefined_risk_tier_is_refused(int tier)
    {
        AssertOnlyError(Valid with { RiskTier = (RiskTier)tier }, "riskTier", "Risk tier must be Low, Medium or High.");
    }

    [Theory]
    [InlineData(LifecycleStatus.Development)]
    [InlineData(LifecycleStatus.Validation)]
    [InlineData(LifecycleStatus.Production)]
    public void Active_statuses_are_accepted(LifecycleStatus status)
    {
        Assert.Empty(Errors(Valid with { Status = status }));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Retired_status_is_refused_because_retiring_needs_a_reason(bool isNew)
    {
        AssertOnlyError(Valid with { Status = LifecycleStatus.Retired }, "status",
            "A model is retired with the Retire action, which records a reason.", isNew);
    }

    [Fact]
    public void Undefined_status_is_refused()
    {
        AssertOnlyError(Valid with { Status = (LifecycleStatus)42 }, "status", "Status must be Development, Validation or Production.");
    }

    // Tags

    [Fact]
    public void Tags_are_trimmed_lower_cased_and_deduplicated_in_order()
    {
        var tags = ModelRules.NormalizeTags(["  Credit ", "retail", "CREDIT", "Retail", "kyc"]);

        Assert.Equal(new[] { "credit", "retail", "kyc" }, tags);
    }

    [Fact]
    public void Blank_tags_are_dropped()
    {
        Assert.Equal(new[] { "credit" }, ModelRules.NormalizeTags(["", "  ", "credit", "\t"]));
    }

    [Fact]
    public void Missing_tags_normalize_to_none()
    {
        Assert.Empty(ModelRules.NormalizeTags(null));
        Assert.Empty(Errors(Valid with { Tags = null! }));
        Assert.Empty(Errors(Valid with { Tags = [] }));
    }

    [Fact]
    public void Twenty_tags_are_accepted_and_twenty_one_refused()
    {
        var twenty = Enumerable.Range(1, ModelRules.MaxTags).Select(i => $"tag{i}").ToList();

        Assert.Empty(Errors(Valid with { Tags = twenty }));
        AssertOnlyError(Valid with { Tags = [.. twenty, "tag21"] }, "tags", "At most 20 tags.");
    }

    [Fact]
    public void Tag_limit_counts_tags_after_removing_duplicates()
    {
        var twenty = Enumerable.Range(1, ModelRules.MaxTags).Select(i => $"tag{i}").ToList();
        var withDuplicates = twenty.Concat(twenty.Select(t => t.ToUpperInvariant())).Concat(["", " "]).ToList();

        Assert.Empty(Errors(Valid with { Tags = withDuplicates }));
    }

    [Fact]
    public void Tag_of_40_characters_is_accepted_and_41_refused()
    {
        var longest = new string('t', ModelRules.TagMaxLength);
        var tooLong = new string('t', ModelRules.TagMaxLength + 1);

        Assert.Empty(Errors(Valid with { Tags = [longest] }));
        AssertOnlyError(Valid with { Tags = [tooLong] }, "tags",
            $"Tag '{tooLong}' must be at most 40 characters of letters, digits, '-', '_' or '.'.");
    }

    [Theory]
    [InlineData("model ops")]
    [InlineData("-credit")]
    [InlineData(".credit")]
    [InlineData("crédit")]
    [InlineData("credit/retail")]
    [InlineData("credit\u0000")]
    [InlineData("credit,retail")]
    public void Malformed_tags_are_refused_naming_the_tag(string tag)
    {
        var error = Error(Valid with { Tags = ["ok", tag] }, "tags");

        Assert.NotNull(error);
        Assert.StartsWith($"Tag '{tag.Trim().ToLowerInvariant()}'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ML-Ops")]
    [InlineData("credit_v2")]
    [InlineData("v1.2")]
    [InlineData("2025")]
    public void Well_formed_tags_are_accepted(string tag)
    {
        Assert.Empty(Errors(Valid with { Tags = [tag] }));
    }
}
