namespace Portal.Domain.Teams;

/// <summary>What a team's name and description must be; uniqueness (regardless of case) is checked against the database.</summary>
public static class TeamRules
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 1000;

    public static Dictionary<string, string[]> Validate(string? name, string? description)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = ["Name is required."];
        }
        else if (name.Trim().Length > NameMaxLength)
        {
            errors["name"] = [$"Name must be at most {NameMaxLength} characters."];
        }
        else if (QueryText.HasControlCharacter(name))
        {
            errors["name"] = ["Name must not contain control characters."];
        }
        if (description is not null && description.Trim().Length > DescriptionMaxLength)
        {
            errors["description"] = [$"Description must be at most {DescriptionMaxLength} characters."];
        }
        return errors;
    }
}
