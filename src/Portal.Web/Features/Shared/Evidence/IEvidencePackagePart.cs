namespace Portal.Web.Features.Shared.Evidence;

/// <summary>
/// One kind of content in a model's evidence package (versions, releases, the audit slice, ...). Features register theirs with
/// <c>services.AddSingleton&lt;IEvidencePackagePart, ...&gt;()</c>; the package writes them in registration order. A part reads
/// what it needs with its own context, in pages or as a stream, and writes its files through <see cref="EvidencePackageWriter"/>,
/// which hashes them for the manifest; it never holds the whole model's history in memory.
/// </summary>
public interface IEvidencePackagePart
{
    /// <summary>A short name for the summary and for errors, e.g. "versions".</summary>
    string Name { get; }

    Task WriteAsync(EvidencePackageWriter package, EvidenceScope scope, CancellationToken cancellationToken);
}
