namespace Portal.Domain.Documents;

/// <summary>What a file's content turned out to be: an allowed <see cref="Type"/>, or a refusal naming what was found.</summary>
public sealed record SniffResult(DocumentFileType? Type, string Detected)
{
    public bool IsAllowed => Type is not null;

    public static SniffResult Allowed(DocumentFileType type) => new(type, DocumentFileTypes.Name(type));

    public static SniffResult Refused(string detected) => new(null, detected);

    /// <summary>The sentence a refused upload answers with, naming what the content is.</summary>
    public string? Refusal => IsAllowed ? null
        : $"The file's content is {Detected}, which is not allowed: documents may be {DocumentFileTypes.AllowedList}, " +
          "recognised by their content whatever their name. Nothing was stored.";
}
