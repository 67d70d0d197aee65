using System.Buffers;

namespace Portal.Domain;

/// <summary>
/// Text typed into a search or filter is one line of printable characters: every C0 control (NUL, tab,
/// line breaks, …) and DEL is refused. Tab is refused too: no search or key in the portal holds one, and
/// allowing it would let a pasted value differ invisibly from what the person sees.
/// </summary>
public static class QueryText
{
    private static readonly SearchValues<char> Controls = SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(c => (char)c), '\u007f']);

    public static bool HasControlCharacter(string? text) => text is not null && text.AsSpan().ContainsAny(Controls);

    /// <summary>The refusal for a parameter holding a control character, or null when it holds none.</summary>
    public static string? Problem(string name, string? text) =>
        HasControlCharacter(text)
            ? $"'{name}' contains a control character (such as NUL, tab or a line break); use printable text only."
            : null;
}
