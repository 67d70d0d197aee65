namespace Portal.Domain.Versions;

/// <summary>A data set a version was trained or evaluated on: where it is and the SHA-256 of its content.</summary>
public sealed record DataSetReference(string Uri, string Sha256);
