namespace Portal.Domain.Audit;

/// <summary>
/// One entry of the append-only audit trail. <see cref="Sequence"/>, <see cref="PreviousHash"/> and
/// <see cref="Hash"/> are assigned when the event is appended to the chain, never by feature code.
/// </summary>
public sealed class AuditEvent
{
    public long Sequence { get; set; }
    public DateTime OccurredAt { get; set; }
    public required string ActorId { get; init; }
    public required string ActorName { get; init; }
    public required string Action { get; init; }
    public required string EntityType { get; init; }
    public required string EntityId { get; init; }
    public string? ModelKey { get; init; }
    public string? Before { get; init; }
    public string? After { get; init; }
    public string PreviousHash { get; set; } = AuditChain.GenesisHash;
    public string Hash { get; set; } = "";
}
