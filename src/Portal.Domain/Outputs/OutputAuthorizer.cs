using System.Globalization;

namespace Portal.Domain.Outputs;

/// <summary>
/// The one rule deciding every read of an output. The reader gets in as one of the classification's audiences or through
/// an active grant they hold (personally, through a team, or as a token); anything else is refused (fail closed). Columns
/// are masked by their tags' policy masks unless the grant in use unmasks the tag; a grant's row filter applies when the
/// reader is in only through that grant.
/// </summary>
public static class OutputAuthorizer
{
    public static OutputDecision Decide(OutputPolicy policy, ModelOutput output, string modelTeam, OutputReader reader,
        IEnumerable<OutputGrant> grants, DateTime now)
    {
        var held = grants.Where(g => g.OutputId == output.Id && g.IsHeldBy(reader)).ToList();
        var active = held.Where(g => g.IsActiveAt(now)).ToList();
        var audience = policy.ReadersOf(output.Classification);

        OutputGrant? grant;
        string basis;
        if (reader.IsIn(audience))
        {
            // In by role or ownership: all rows; only an unfiltered grant may unmask, or a row-limited unmasking would leak every row.
            grant = active.Where(g => g.RowFilter is null).OrderByDescending(g => g.UnmaskedTags.Count).FirstOrDefault();
            basis = grant is null ? AudienceWords(audience, output, modelTeam) : $"{AudienceWords(audience, output, modelTeam)}, unmasked by grant {grant.Id}";
        }
        else if (active.Count > 0)
        {
            grant = active.OrderBy(g => g.RowFilter is null ? 0 : 1).ThenByDescending(g => g.UnmaskedTags.Count).First();
            basis = $"grant {grant.Id}";
            if (grant.RowFilter is { } filter && output.Column(filter.Column) is null)
            {
                return OutputDecision.Refused(
                    $"{output.Classification} output: your grant {grant.Id} limits rows by column '{filter.Column}', which this output lacks",
                    output.Id, policy.Version);
            }
        }
        else
        {
            return OutputDecision.Refused(Missing(output, modelTeam, audience, held, now), output.Id, policy.Version);
        }

        var masks = new Dictionary<string, MaskingFunction>(StringComparer.Ordinal);
        foreach (var column in output.Columns)
        {
            if (policy.MaskFor(column.Tags, tag => grant?.Unmasks(tag) == true) is { } function)
            {
                masks[column.Name] = function;
            }
        }
        var rowFilter = reader.IsIn(audience) ? null : grant!.RowFilter;
        return new OutputDecision(true, null, masks, rowFilter, grant, basis, policy.Version);
    }

    /// <summary>"Restricted output: you need a grant", saying first what became of a grant the reader held.</summary>
    public static string Missing(ModelOutput output, string modelTeam, OutputAudience audience, IReadOnlyList<OutputGrant> held, DateTime now)
    {
        var lapsed = held.OrderByDescending(g => g.RevokedAt ?? g.ExpiresAt).FirstOrDefault();
        var state = lapsed?.StateAt(now) switch
        {
            GrantState.Revoked => $"your grant {lapsed.Id} was revoked on {Format(lapsed.RevokedAt!.Value)}; ",
            GrantState.Expired => $"your grant {lapsed.Id} expired on {Format(lapsed.ExpiresAt!.Value)}; ",
            _ => "",
        };
        var others = audience == OutputAudience.None ? "" : $" (without one only {AudienceWords(audience, output, modelTeam)} read it)";
        return $"{output.Classification} output: {state}you need a grant{others}";
    }

    /// <summary>The audiences in words: "the owners of credit-pd, members of team Credit Risk or Compliance reviewers".</summary>
    public static string AudienceWords(OutputAudience audience, ModelOutput output, string modelTeam)
    {
        var words = new List<string>();
        if (audience.HasFlag(OutputAudience.AnyReader))
        {
            words.Add("anyone who reads models");
        }
        if (audience.HasFlag(OutputAudience.Owners))
        {
            words.Add($"the owners of {output.ModelKey}");
        }
        if (audience.HasFlag(OutputAudience.Team))
        {
            words.Add($"members of team {modelTeam}");
        }
        if (audience.HasFlag(OutputAudience.ComplianceReviewer))
        {
            words.Add("Compliance reviewers");
        }
        if (audience.HasFlag(OutputAudience.Auditor))
        {
            words.Add("Auditors");
        }
        if (audience.HasFlag(OutputAudience.Admin))
        {
            words.Add("Admins");
        }
        return words.Count <= 1 ? string.Concat(words) : $"{string.Join(", ", words[..^1])} or {words[^1]}";
    }

    private static string Format(DateTime moment) => moment.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
}
