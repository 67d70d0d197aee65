namespace Portal.Domain;

/// <summary>
/// Lengths shared by many columns. A field a person types has its limit next to its validation (ModelRules, VersionRules,
/// OwnershipRules...); the EF configurations use the same constants, and a test checks the two agree.
/// </summary>
public static class FieldLengths
{
    /// <summary>An identity: a subject, a person's or instance's name, a user name, an entity id.</summary>
    public const int Identity = 200;

    /// <summary>An enum stored by its name.</summary>
    public const int EnumName = 16;

    /// <summary>A SHA-256 hash in hexadecimal.</summary>
    public const int Sha256Hex = 64;

    /// <summary>A commit id: 7 to 40 hexadecimal characters today, room for SHA-256 commits.</summary>
    public const int CommitId = 64;
}
