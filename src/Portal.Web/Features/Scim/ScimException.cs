namespace Portal.Web.Features.Scim;

/// <summary>A refusal answered in SCIM's own error format (RFC 7644 §3.12), with its <c>scimType</c> when one applies.</summary>
public sealed class ScimException(int status, string? scimType, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string? ScimType { get; } = scimType;

    public static ScimException Invalid(string scimType, string detail) => new(StatusCodes.Status400BadRequest, scimType, detail);

    public static ScimException NotFound(string id) => new(StatusCodes.Status404NotFound, null, $"No user has the id '{id}'.");

    public static ScimException Uniqueness(string detail) => new(StatusCodes.Status409Conflict, "uniqueness", detail);

    public static ScimException Stale(string detail) => new(StatusCodes.Status412PreconditionFailed, null, detail);
}
