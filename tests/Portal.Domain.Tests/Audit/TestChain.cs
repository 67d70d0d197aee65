using Portal.Domain.Audit;

namespace Portal.Domain.Tests.Audit;

/// <summary>The hashed fields of an audit event, as a record so that tests can change one with <c>with</c>.</summary>
internal sealed record EventFields(
    DateTime OccurredAt,
    string ActorId,
    string ActorName,
    string Action,
    string EntityType,
    string EntityId,
    string? ModelKey,
    string? Before,
    string? After)
{
    public static EventFields Sample(int number) => new(
        new DateTime(2025, 3, 1, 9, 0, 0, DateTimeKind.Utc).AddMinutes(number),
        $"user-{number}",
        $"User {number}",
        "Model.Updated",
        "Model",
        $"MODEL-{number}",
        $"MODEL-{number}",
        $$"""{"name":"before {{number}}"}""",
        $$"""{"name":"after {{number}}"}""");

    public static EventFields Of(AuditEvent audit) => new(
        audit.OccurredAt, audit.ActorId, audit.ActorName, audit.Action, audit.EntityType, audit.EntityId,
        audit.ModelKey, audit.Before, audit.After);

    public AuditEvent ToEvent(long sequence = 0, string previousHash = AuditChain.GenesisHash, string hash = "") => new()
    {
        Sequence = sequence,
        OccurredAt = OccurredAt,
        ActorId = ActorId,
        ActorName = ActorName,
        Action = Action,
        EntityType = EntityType,
        EntityId = EntityId,
        ModelKey = ModelKey,
        Before = Before,
        After = After,
        PreviousHash = previousHash,
        Hash = hash,
    };

    /// <summary>A copy of this event with one named field changed, as someone editing the table by hand would.</summary>
    public EventFields WithAltered(string field) => field switch
    {
        nameof(OccurredAt) => this with { OccurredAt = OccurredAt.AddTicks(1) },
        nameof(ActorId) => this with { ActorId = ActorId + "x" },
        nameof(ActorName) => this with { ActorName = "Mallory" },
        nameof(Action) => this with { Action = "Model.Registered" },
        nameof(EntityType) => this with { EntityType = "User" },
        nameof(EntityId) => this with { EntityId = EntityId + "-2" },
        nameof(ModelKey) => this with { ModelKey = null },
        nameof(Before) => this with { Before = Before + " " },
        nameof(After) => this with { After = """{"name":"forged"}""" },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a hashed field."),
    };
}

internal static class TestChain
{
    public static readonly string[] HashedFields =
    [
        nameof(EventFields.OccurredAt), nameof(EventFields.ActorId), nameof(EventFields.ActorName),
        nameof(EventFields.Action), nameof(EventFields.EntityType), nameof(EventFields.EntityId),
        nameof(EventFields.ModelKey), nameof(EventFields.Before), nameof(EventFields.After),
    ];

    /// <summary>A correctly sealed chain of <paramref name="count"/> events, numbered from 1.</summary>
    public static List<AuditEvent> Build(int count) => Seal(Enumerable.Range(1, count).Select(EventFields.Sample));

    /// <summary>Seals events into a fresh chain in the given order, as a forger with database access could.</summary>
    public static List<AuditEvent> Seal(IEnumerable<EventFields> fields)
    {
        var chain = new List<AuditEvent>();
        long sequence = 0;
        var hash = AuditChain.GenesisHash;
        foreach (var field in fields)
        {
            var audit = field.ToEvent();
            AuditChain.Append(audit, sequence, hash);
            chain.Add(audit);
            sequence = audit.Sequence;
            hash = audit.Hash;
        }
        return chain;
    }

    /// <summary>The same event content with its stored sequence and hashes left as they were.</summary>
    public static AuditEvent Tamper(AuditEvent original, Func<EventFields, EventFields> change) =>
        change(EventFields.Of(original)).ToEvent(original.Sequence, original.PreviousHash, original.Hash);

    public static AuditEvent Copy(AuditEvent original) => Tamper(original, fields => fields);

    public static ChainDigest DigestOf(IReadOnlyList<AuditEvent> chain) =>
        chain.Count == 0 ? ChainDigest.Empty : new ChainDigest(chain[^1].Sequence, chain[^1].Hash);
}
