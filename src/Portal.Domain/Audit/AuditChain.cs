using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Domain.Audit;

/// <summary>
/// The hash chain over audit events: each event's hash is SHA-256 over a canonical, length-prefixed
/// serialization of its fields and the previous event's hash, so that changing, removing or
/// reordering any event breaks every hash after it.
/// </summary>
public static class AuditChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";
    private const byte FormatVersion = 1;

    /// <summary>Gives <paramref name="audit"/> its place after <paramref name="previous"/> (or after the genesis) and seals it.</summary>
    public static void Append(AuditEvent audit, long previousSequence, string previousHash)
    {
        audit.Sequence = previousSequence + 1;
        audit.PreviousHash = previousHash;
        audit.Hash = ComputeHash(audit);
    }

    public static string ComputeHash(AuditEvent audit)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        ComputeHash(audit, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// Canonical serialization v1: version byte, sequence and UTC ticks as big-endian int64, then each
    /// text field as a big-endian int32 byte length (-1 for null) and its UTF-8 bytes, then the
    /// previous hash as 32 raw bytes.
    /// </summary>
    public static void ComputeHash(AuditEvent audit, Span<byte> destination)
    {
        var size = 1 + 8 + 8 + SHA256.HashSizeInBytes + TextSize(audit.ActorId) + TextSize(audit.ActorName)
            + TextSize(audit.Action) + TextSize(audit.EntityType) + TextSize(audit.EntityId)
            + TextSize(audit.ModelKey) + TextSize(audit.Before) + TextSize(audit.After);
        var rented = size <= 1024 ? null : ArrayPool<byte>.Shared.Rent(size);
        var buffer = rented is null ? stackalloc byte[size] : rented.AsSpan(0, size);
        try
        {
            var writer = new CanonicalWriter(buffer);
            writer.WriteByte(FormatVersion);
            writer.WriteInt64(audit.Sequence);
            writer.WriteInt64(audit.OccurredAt.Ticks);
            writer.WriteText(audit.ActorId);
            writer.WriteText(audit.ActorName);
            writer.WriteText(audit.Action);
            writer.WriteText(audit.EntityType);
            writer.WriteText(audit.EntityId);
            writer.WriteText(audit.ModelKey);
            writer.WriteText(audit.Before);
            writer.WriteText(audit.After);
            writer.WriteHex(audit.PreviousHash);
            SHA256.HashData(buffer, destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int TextSize(string? text) => 4 + (text is null ? 0 : Encoding.UTF8.GetByteCount(text));

    private ref struct CanonicalWriter(Span<byte> buffer)
    {
        private readonly Span<byte> buffer = buffer;
        private int position;

        public void WriteByte(byte value) => buffer[position++] = value;

        public void WriteInt64(long value)
        {
            BinaryPrimitives.WriteInt64BigEndian(buffer[position..], value);
            position += 8;
        }

        public void WriteText(string? text)
        {
            if (text is null)
            {
                BinaryPrimitives.WriteInt32BigEndian(buffer[position..], -1);
                position += 4;
                return;
            }
            var length = Encoding.UTF8.GetBytes(text, buffer[(position + 4)..]);
            BinaryPrimitives.WriteInt32BigEndian(buffer[position..], length);
            position += 4 + length;
        }

        public void WriteHex(string hex)
        {
            // A malformed stored hash serializes as zeros; its own hash check then fails, which is the point.
            if (hex.Length != SHA256.HashSizeInBytes * 2
                || Convert.FromHexString(hex, buffer.Slice(position, SHA256.HashSizeInBytes), out _, out _) != OperationStatus.Done)
            {
                buffer.Slice(position, SHA256.HashSizeInBytes).Clear();
            }
            position += SHA256.HashSizeInBytes;
        }
    }
}
