namespace Portal.Domain.Outputs;

/// <summary>What a grant must satisfy against the output it is for.</summary>
public static class OutputGrantRules
{
    public const int MaxFilterValues = 100;
    public const int FilterValueMaxLength = 200;

    public static Dictionary<string, string[]> Validate(GrantTerms terms, ModelOutput output, DateTime now)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(terms.GranteeKind) || string.IsNullOrWhiteSpace(terms.Grantee) || terms.Grantee.Length > FieldLengths.Identity)
        {
            errors["grantee"] = ["Name who receives the grant: a person's subject, a team's name or a service token's subject."];
        }
        if (!Enum.IsDefined(terms.Access))
        {
            errors["access"] = ["Use Read or ReadUnmasked."];
        }
        if (terms.Access == GrantAccess.ReadUnmasked)
        {
            var tags = terms.UnmaskedTags.Select(OutputTags.Normalize).ToList();
            var present = output.Columns.SelectMany(c => c.Tags).ToHashSet(StringComparer.Ordinal);
            if (tags.Count == 0)
            {
                errors["unmaskedTags"] = ["A read-unmasked grant names the tags it unmasks (for example pii)."];
            }
            else if (tags.FirstOrDefault(t => !present.Contains(t)) is { } absent)
            {
                errors["unmaskedTags"] = [$"No column of this output carries the tag '{absent}'."];
            }
        }
        if (terms.RowFilter is { } filter && FilterProblem(filter, output) is { } filterProblem)
        {
            errors["rowFilter"] = [filterProblem];
        }
        if (terms.Purpose?.Trim().Length > OutputGrant.PurposeMaxLength || QueryText.HasControlCharacter(terms.Purpose))
        {
            errors["purpose"] = [$"The purpose is at most {OutputGrant.PurposeMaxLength} characters without control characters."];
        }
        if (terms.ExpiresAt is { } expiry && expiry <= now)
        {
            errors["expiresAt"] = ["The expiry must be in the future."];
        }
        return errors;
    }

    private static string? FilterProblem(RowFilter filter, ModelOutput output)
    {
        if (output.Column(filter.Column ?? "") is null)
        {
            return $"The row filter's column '{filter.Column}' is not a column of this output.";
        }
        var values = filter.Values ?? [];
        return values.Count is 0 or > MaxFilterValues || values.Any(v => v is null || v.Length > FilterValueMaxLength || QueryText.HasControlCharacter(v))
            ? $"A row filter has 1 to {MaxFilterValues} values of at most {FilterValueMaxLength} characters each."
            : null;
    }
}
