namespace Portal.TestIdentityProvider;

/// <summary>A person who can sign in at the login form.</summary>
public sealed record IdentityUser
{
    /// <summary>The stable <c>sub</c> claim; the portal keys its user records on it.</summary>
    public required string Subject { get; init; }

    public required string UserName { get; init; }

    public required string Password { get; init; }

    /// <summary>Display name, issued as the <c>name</c> claim.</summary>
    public required string Name { get; init; }

    public required string Email { get; init; }

    /// <summary>Issued as one <c>groups</c> claim per entry.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];
}
