namespace Portal.Domain.EvidencePackages;

/// <summary>One event's place in the global audit chain without its content: its sequence, its predecessor's hash and its own hash.</summary>
public sealed record ChainLink(long Sequence, string PreviousHash, string Hash);
