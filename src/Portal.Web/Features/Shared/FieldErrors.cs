namespace Portal.Web.Features.Shared;

/// <summary>Field-level messages for a form, filled from the same rules the service enforces.</summary>
public sealed class FieldErrors
{
    private IReadOnlyDictionary<string, string[]> errors = new Dictionary<string, string[]>();

    public bool Any => errors.Count > 0;

    public void Set(IReadOnlyDictionary<string, string[]> fieldErrors) => errors = fieldErrors;

    public void Clear() => errors = new Dictionary<string, string[]>();

    public bool Has(string field) => errors.ContainsKey(field);

    public string Text(string field) => errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : "";
}
