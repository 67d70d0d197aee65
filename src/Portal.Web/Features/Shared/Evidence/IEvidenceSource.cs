using Portal.Domain.Access;
using Portal.Domain.Audits;

namespace Portal.Web.Features.Shared.Evidence;

/// <summary>
/// One kind of record that can be linked as evidence (a model version, a release request, …). A source reads the record named
/// by a reference string, as the linking person may read it (its own feature's read check, audited when refused), and freezes
/// it into an <see cref="EvidenceSnapshot"/>. Adding a kind means writing a class and registering it as an <see cref="IEvidenceSource"/>.
/// </summary>
public interface IEvidenceSource
{
    /// <summary>Stable machine name, e.g. "model-version"; stored with every link and used by the API.</summary>
    string Kind { get; }

    /// <summary>The kind in words, e.g. "Model version".</summary>
    string Label { get; }

    /// <summary>What the reference is, in words for the picker and the API, e.g. "the version label, such as 1.2.0".</summary>
    string ReferenceHelp { get; }

    /// <summary>Records of this kind on the model that the person may link, newest first (at most a page); empty when references are typed.</summary>
    Task<IReadOnlyList<EvidenceChoice>> ChoicesAsync(Actor actor, string modelKey, CancellationToken cancellationToken);

    /// <summary>
    /// The record as it reads now. Throws <see cref="NotFoundException"/> when the model has no such record,
    /// <see cref="InputRejectedException"/> when the reference is malformed, <see cref="AccessDeniedException"/> when the person may not read it.
    /// </summary>
    Task<EvidenceSnapshot> CaptureAsync(Actor actor, string modelKey, string reference, CancellationToken cancellationToken);
}

/// <summary>A record the picker offers: the reference to send and what a person reads.</summary>
public sealed record EvidenceChoice(string Reference, string Label);

/// <summary>A kind of evidence, for pickers and the API.</summary>
public sealed record EvidenceKindView(string Kind, string Label, string ReferenceHelp);
