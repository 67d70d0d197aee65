namespace Portal.Domain.Ownership;

/// <summary>A person as the user directory knows them; only an active person can be made accountable for a model.</summary>
public sealed record OwnerCandidate(string Subject, string Name, bool IsActive);
