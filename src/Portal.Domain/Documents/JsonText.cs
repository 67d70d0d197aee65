using System.Text.Json;

namespace Portal.Domain.Documents;

/// <summary>Whether text is one JSON document, read in chunks so that a large file never sits whole in memory.</summary>
internal static class JsonText
{
    public static bool IsValid(Stream content)
    {
        content.Position = 0;
        var buffer = new byte[64 * 1024];
        var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = 256 });
        var kept = 0;
        var first = true;
        var tokens = false;
        while (true)
        {
            var read = content.Read(buffer, kept, buffer.Length - kept);
            var final = read == 0;
            var data = buffer.AsSpan(0, kept + read);
            if (first && data.StartsWith((byte[])[0xEF, 0xBB, 0xBF]))
            {
                data = data[3..];
            }
            first = false;
            var reader = new Utf8JsonReader(data, final, state);
            try
            {
                while (reader.Read())
                {
                    tokens = true;
                }
            }
            catch (JsonException)
            {
                return false;
            }
            if (final)
            {
                return tokens;
            }
            state = reader.CurrentState;
            var rest = data[(int)reader.BytesConsumed..];
            // One token longer than the buffer: grow it (bounded by the upload limit).
            var next = rest.Length > buffer.Length / 2 ? new byte[buffer.Length * 2] : buffer;
            rest.CopyTo(next);
            kept = rest.Length;
            buffer = next;
        }
    }
}
