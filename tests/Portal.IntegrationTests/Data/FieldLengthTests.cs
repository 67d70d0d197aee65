using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Portal.Data;
using Portal.Domain.Directory;
using Portal.Domain.Documents;
using Portal.Domain.Fairness;
using Portal.Domain.Flags;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;
using Portal.Domain.Releases;
using Portal.Domain.Teams;
using Portal.Domain.Versions;

namespace Portal.IntegrationTests.Data;

/// <summary>
/// SQLite stores any length; SQL Server refuses a value longer than its column, after the work is done, as a 500. So every
/// text column has a length, or is listed below as unbounded with why; and where people type a value, validation refuses
/// one character more than the column holds and accepts exactly as many.
/// </summary>
public sealed class FieldLengthTests
{
    /// <summary>Text columns without a length: none of them holds a value typed as is; each is built or bounded elsewhere.</summary>
    private static readonly Dictionary<string, string> Unbounded = new()
    {
        ["ModelCardRevision.SectionsJson"] = "JSON list of sections, each validated by CardRules (length, count)",
        ["CardTemplate.RequirementsJson"] = "JSON list of requirements, validated by CardTemplate.Validate",
        ["AuditEvent.Before"] = "JSON of an entity's audited fields before a change, each field bounded by its own column",
        ["AuditEvent.After"] = "JSON of an entity's audited fields after a change, each field bounded by its own column",
        ["FairnessEvaluation.ResultsJson"] = "JSON the calculator writes; its size follows the bounded groups of a bounded upload",
        ["FairnessEvaluation.FailuresJson"] = "JSON the judgement writes from the policy's few thresholds",
        ["FairnessEvaluation.SensitiveFeatures"] = "JSON list of the mapping's columns, bounded with the mapping (MappingMaxLength)",
        ["FairnessPolicy.RequiredSensitiveFeatures"] = "JSON list of feature names, validated by FairnessThresholds",
        ["Model.Tags"] = "JSON list of tags, each at most ModelRules.TagMaxLength and at most ModelRules' tag count",
        ["ReleaseSignature.Evidence"] = "JSON snapshot the portal signs, built from bounded columns",
        ["DataProtectionKey.FriendlyName"] = "written by ASP.NET Core data protection, never from the API",
        ["DataProtectionKey.Xml"] = "written by ASP.NET Core data protection, never from the API",
        ["ModelVersion.TrainingData"] = "JSON document; each field validated by VersionRules",
        ["ModelVersion.EvaluationData"] = "JSON document; each field validated by VersionRules",
        ["ModelVersion.Hyperparameters"] = "JSON document; at most VersionRules.MaxValues values, keys and values bounded by VersionRules",
        ["ModelVersion.Metrics"] = "JSON document; at most VersionRules.MaxValues values, keys and values bounded by VersionRules",
        ["Team.Members"] = "JSON list of members, each an identity from the directory",
        ["ServiceToken.Teams"] = "JSON list of team names, at most ServiceTokenService.MaxTeams, each at most ModelRules.TeamMaxLength",
        ["AuditRequest.ModelKeys"] = "JSON list of model keys, at most AuditRules.MaxModels, each at most ModelRules.KeyMaxLength",
        ["EvidenceLink.ContentJson"] = "JSON snapshot of a record as its own feature reads it, so bounded by that record's columns",
        ["WebhookSubscription.EventTypes"] = "JSON list of event type names, each one of WebhookEventTypes, at most WebhookSubscriptionService.MaxEventTypes",
        ["OutputGrant.UnmaskedTags"] = "JSON list of tags, each one the output's columns carry (OutputGrantRules), so bounded by OutputTags.MaxLength and the schema's tag counts",
    };

    public static TheoryData<string> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.SqlServer];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Every_text_column_has_a_length_or_is_listed_as_unbounded_with_why(string provider)
    {
        var model = ModelOf(provider);
        var found = new HashSet<string>();
        var missing = new List<string>();
        foreach (var entity in model.GetEntityTypes())
        {
            if (entity.IsMappedToJson())
            {
                // A JSON document's fields live in its container column, listed by its owner's navigation.
                found.Add($"{entity.FindOwnership()!.PrincipalEntityType.ClrType.Name}.{entity.FindOwnership()!.PrincipalToDependent!.Name}");
                continue;
            }
            foreach (var property in entity.GetProperties().Where(IsText))
            {
                var name = $"{entity.ClrType.Name}.{property.Name}";
                found.Add(name);
                if (property.GetMaxLength() is null && !Unbounded.ContainsKey(name))
                {
                    missing.Add(name);
                }
            }
        }
        Assert.True(missing.Count == 0, $"Text columns without a length on {provider} (add HasMaxLength from the domain's constant, or list it above with why): " + string.Join(", ", missing));
        Assert.DoesNotContain(Unbounded.Keys, name => !found.Contains(name));
    }

    /// <summary>Each column people type into: its validation, and the constant both it and the EF configuration use.</summary>
    public static TheoryData<string, string, int> Typed => new()
    {
        { nameof(Model), nameof(Model.Key), ModelRules.KeyMaxLength },
        { nameof(Model), nameof(Model.Name), ModelRules.NameMaxLength },
        { nameof(Model), nameof(Model.Description), ModelRules.DescriptionMaxLength },
        { nameof(Model), nameof(Model.Team), ModelRules.TeamMaxLength },
        { "ModelTag", "Tag", ModelRules.TagMaxLength },
        { nameof(ModelVersion), nameof(ModelVersion.Label), VersionRules.LabelMaxLength },
        { nameof(ModelVersion), nameof(ModelVersion.CodeRepository), VersionRules.CodeRepositoryMaxLength },
        { nameof(ModelVersion), nameof(ModelVersion.ArtifactUri), VersionRules.UriMaxLength },
        { nameof(ModelVersion), nameof(ModelVersion.Notes), VersionRules.NotesMaxLength },
        { nameof(OwnershipAssignment), nameof(OwnershipAssignment.Reason), OwnershipRules.ReasonMaxLength },
        { nameof(OwnershipAssignment), nameof(OwnershipAssignment.EndReason), OwnershipRules.ReasonMaxLength },
        { nameof(Team), nameof(Team.Name), TeamRules.NameMaxLength },
        { nameof(Team), nameof(Team.Description), TeamRules.DescriptionMaxLength },
        { nameof(FairnessEvaluation), nameof(FairnessEvaluation.FileName), FairnessEvaluation.FileNameMaxLength },
        { nameof(FairnessEvaluation), nameof(FairnessEvaluation.Mapping), FairnessEvaluation.MappingMaxLength },
        { nameof(FairnessPolicy), nameof(FairnessPolicy.Reason), FairnessPolicy.ReasonMaxLength },
        { nameof(ReleaseRequest), nameof(ReleaseRequest.Summary), ReleaseRequest.SummaryMaxLength },
        { nameof(ReleaseRequest), nameof(ReleaseRequest.RolloutPlan), ReleaseRequest.RolloutPlanMaxLength },
        { nameof(ReleaseSignature), nameof(ReleaseSignature.Reason), ReleaseRules.ReasonMaxLength },
        { nameof(Flag), nameof(Flag.SnoozeReason), Flag.ReasonMaxLength },
        { nameof(UserAccount), nameof(UserAccount.UserName), DirectoryProfile.MaxLength },
        { nameof(UserAccount), nameof(UserAccount.Name), DirectoryProfile.MaxLength },
        { nameof(UserAccount), nameof(UserAccount.ExternalId), DirectoryProfile.MaxLength },
        { nameof(UserAccount), nameof(UserAccount.GivenName), DirectoryProfile.MaxLength },
        { nameof(UserAccount), nameof(UserAccount.FamilyName), DirectoryProfile.MaxLength },
        { nameof(UserAccount), nameof(UserAccount.Email), DirectoryProfile.EmailMaxLength },
        { nameof(ModelDocument), nameof(ModelDocument.Title), DocumentRules.TitleMaxLength },
        { nameof(ModelDocument), nameof(ModelDocument.Description), DocumentRules.DescriptionMaxLength },
        { nameof(ModelDocument), nameof(ModelDocument.FileName), DocumentRules.FileNameMaxLength },
        { nameof(ModelDocument), nameof(ModelDocument.WithdrawalReason), DocumentRules.WithdrawalReasonMaxLength },
    };

    [Theory]
    [MemberData(nameof(Typed))]
    public void Validation_accepts_what_the_column_holds_and_refuses_one_character_more(string entity, string property, int max)
    {
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.SqlServer })
        {
            var column = ModelOf(provider).GetEntityTypes().Single(e => e.ClrType.Name == entity).FindProperty(property)!;
            Assert.Equal(max, column.GetMaxLength());
        }
        var validate = Validators[$"{entity}.{property}"];

        Assert.True(validate(max), $"{entity}.{property}: validation refuses {max} characters, which the column holds.");
        Assert.False(validate(max + 1), $"{entity}.{property}: validation accepts {max + 1} characters; the column holds {max}.");
    }

    private static readonly ModelDetails AModel = new("credit-scorer", "Credit scorer", null, "Risk Team", RiskTier.Low, LifecycleStatus.Development, []);
    private static readonly VersionDetails AVersion =
        new("v1", new DataSetReference("s3://bucket/train.csv", new string('a', 64)), null, null, null, [], [], null, null);
    private static readonly DocumentDetails ADocument = new("Validation report", null, DocumentKind.ValidationReport, null);
    private static readonly DirectoryProfile AProfile = new("someone", null, "Someone", null, null, null);

    /// <summary>True when the domain's validation accepts a value of that length (every other field valid).</summary>
    private static readonly Dictionary<string, Func<int, bool>> Validators = new()
    {
        ["Model.Key"] = n => ModelValid(AModel with { Key = Text(n) }),
        ["Model.Name"] = n => ModelValid(AModel with { Name = Text(n) }),
        ["Model.Description"] = n => ModelValid(AModel with { Description = Text(n) }),
        ["Model.Team"] = n => ModelValid(AModel with { Team = Text(n) }),
        ["ModelTag.Tag"] = n => ModelValid(AModel with { Tags = [Text(n)] }),
        ["ModelVersion.Label"] = n => VersionValid(AVersion with { Label = Text(n) }),
        ["ModelVersion.CodeRepository"] = n => VersionValid(AVersion with { CodeRepository = Padded("https://git.example/", n) }),
        ["ModelVersion.ArtifactUri"] = n => VersionValid(AVersion with { ArtifactUri = Padded("s3://bucket/", n) }),
        ["ModelVersion.Notes"] = n => VersionValid(AVersion with { Notes = Text(n) }),
        ["OwnershipAssignment.Reason"] = n => OwnershipRules.ReasonError(Text(n)) is null,
        ["OwnershipAssignment.EndReason"] = n => OwnershipRules.ReasonError(Text(n)) is null,
        ["Team.Name"] = n => TeamRules.Validate(Text(n), null).Count == 0,
        ["Team.Description"] = n => TeamRules.Validate("Team", Text(n)).Count == 0,
        ["FairnessEvaluation.FileName"] = n => FairnessEvaluation.FileNameProblem(Padded("", n - ".csv".Length) + ".csv") is null,
        ["FairnessEvaluation.Mapping"] = n => MappingOfLength(n).Validate().Count == 0,
        ["FairnessPolicy.Reason"] = n => FairnessPolicy.ReasonProblem(Text(n)) is null,
        ["ReleaseRequest.Summary"] = n => !ReleaseRules.RequestInputProblems(VersionStage.Production, Text(n), "Plan").Any(),
        ["ReleaseRequest.RolloutPlan"] = n => !ReleaseRules.RequestInputProblems(VersionStage.Production, "Summary", Text(n)).Any(),
        ["ReleaseSignature.Reason"] = n => ReleaseRules.ReasonProblem(Text(n)) is null,
        ["Flag.SnoozeReason"] = n => Flag.ValidateSnooze(Text(n), DateTime.UtcNow.AddDays(1), DateTime.UtcNow).Count == 0,
        ["UserAccount.UserName"] = n => (AProfile with { UserName = Text(n) }).Problems().Count == 0,
        ["UserAccount.Name"] = n => (AProfile with { DisplayName = Text(n) }).Problems().Count == 0,
        ["UserAccount.ExternalId"] = n => (AProfile with { ExternalId = Text(n) }).Problems().Count == 0,
        ["UserAccount.GivenName"] = n => (AProfile with { GivenName = Text(n) }).Problems().Count == 0,
        ["UserAccount.FamilyName"] = n => (AProfile with { FamilyName = Text(n) }).Problems().Count == 0,
        ["UserAccount.Email"] = n => (AProfile with { Email = Padded("a@", n) }).Problems().Count == 0,
        ["ModelDocument.Title"] = n => DocumentRules.Validate(ADocument with { Title = Text(n) }).Count == 0,
        ["ModelDocument.Description"] = n => DocumentRules.Validate(ADocument with { Description = Text(n) }).Count == 0,
        ["ModelDocument.FileName"] = n => DocumentRules.FileNameProblem(Padded("", n - ".pdf".Length) + ".pdf") is null,
        ["ModelDocument.WithdrawalReason"] = n => DocumentRules.WithdrawalReasonProblem(Text(n)) is null,
    };

    private static bool ModelValid(ModelDetails details) => ModelRules.Validate(details, isNew: true).Count == 0;

    private static bool VersionValid(VersionDetails details) => VersionRules.Validate(details).Count == 0;

    /// <summary>A mapping whose kept description is exactly <paramref name="length"/> characters.</summary>
    private static FairnessMapping MappingOfLength(int length)
    {
        var shortest = new FairnessMapping("", "prediction", ["group"]).Describe().Length;
        return new FairnessMapping(Text(length - shortest), "prediction", ["group"]);
    }

    private static string Text(int length) => new('k', length);

    private static string Padded(string start, int length) => start + new string('k', length - start.Length);

    private static bool IsText(IProperty property) => (property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType) == typeof(string);

    private static IModel ModelOf(string provider)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseProvider.Configure(options, provider, provider == DatabaseProvider.Sqlite ? "Data Source=unused.db" : "Server=unused;Database=Portal;TrustServerCertificate=True");
        using var db = new PortalDbContext(options.Options);
        return db.Model;
    }
}
