namespace Portal.Domain.Directory;

/// <summary>What an identity provider says about a person (the SCIM core User attributes the portal keeps).</summary>
public sealed record DirectoryProfile(string UserName, string? ExternalId, string DisplayName, string? GivenName, string? FamilyName, string? Email)
{
    public const int MaxLength = FieldLengths.Identity;
    public const int EmailMaxLength = 320;

    /// <summary>Problems with the profile, by SCIM attribute; empty when it can be stored.</summary>
    public IReadOnlyDictionary<string, string> Problems()
    {
        var problems = new Dictionary<string, string>();
        Check(problems, "userName", UserName, required: true);
        Check(problems, "externalId", ExternalId, required: false);
        Check(problems, "displayName", DisplayName, required: true);
        Check(problems, "name.givenName", GivenName, required: false);
        Check(problems, "name.familyName", FamilyName, required: false);
        if (Email is not null && (Email.Length > EmailMaxLength || !Email.Contains('@', StringComparison.Ordinal)))
        {
            problems["emails"] = $"An e-mail address needs an @ and at most {EmailMaxLength} characters.";
        }
        if (ExternalId is not null && Access.ReservedSubjects.IsReserved(ExternalId))
        {
            problems["externalId"] = $"externalId '{ExternalId}' collides with the portal's own subjects: it cannot start with " +
                $"{string.Join(" or ", Access.ReservedSubjects.Prefixes.Select(p => $"'{p}'"))} nor be " +
                $"{string.Join(", ", Access.ReservedSubjects.Exact.Select(id => $"'{id}'"))}.";
        }
        return problems;
    }

    private static void Check(Dictionary<string, string> problems, string attribute, string? value, bool required)
    {
        if (value is null ? required : string.IsNullOrWhiteSpace(value) || value.Length > MaxLength || value.Any(char.IsControl))
        {
            problems[attribute] = $"{attribute} {(required ? "is required and " : "")}must be non-blank, at most {MaxLength} characters, on one line.";
        }
    }
}
