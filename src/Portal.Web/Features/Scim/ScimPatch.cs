using System.Text.Json;

namespace Portal.Web.Features.Scim;

/// <summary>
/// Applies a SCIM PatchOp (RFC 7644 §3.5.2) to a draft: add/replace/remove with a path, and the no-path form whose
/// value is an object of attributes, as Entra ID (<c>{"op":"Replace","value":{"active":false}}</c>) and Okta send.
/// </summary>
public static class ScimPatch
{
    public static void Apply(ScimDraft draft, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || Property(body, "Operations") is not { ValueKind: JsonValueKind.Array } operations)
        {
            throw ScimException.Invalid("invalidSyntax", $"A PATCH body is a {ScimSchemas.PatchOp} message with an Operations array.");
        }
        if (operations.GetArrayLength() == 0)
        {
            throw ScimException.Invalid("invalidSyntax", "The Operations array is empty.");
        }
        foreach (var operation in operations.EnumerateArray())
        {
            ApplyOne(draft, operation);
        }
    }

    private static void ApplyOne(ScimDraft draft, JsonElement operation)
    {
        if (operation.ValueKind != JsonValueKind.Object)
        {
            throw ScimException.Invalid("invalidSyntax", "Each operation is an object with op, path and value.");
        }
        var op = Property(operation, "op") is { ValueKind: JsonValueKind.String } o ? o.GetString()!.ToUpperInvariant() : "";
        var path = Property(operation, "path") is { ValueKind: JsonValueKind.String } p ? p.GetString() : null;
        var value = Property(operation, "value");
        switch (op)
        {
            case "REMOVE" when path is not null:
                ScimUserReader.Remove(draft, path);
                break;
            case "REMOVE":
                throw ScimException.Invalid("noTarget", "A remove operation needs a path.");
            case "ADD" or "REPLACE" when value is null:
                throw ScimException.Invalid("invalidValue", $"The {op.ToLowerInvariant()} operation has no value.");
            case "ADD" or "REPLACE" when path is not null:
                ScimUserReader.Set(draft, path, value.Value);
                break;
            case "ADD" or "REPLACE" when value.Value.ValueKind == JsonValueKind.Object:
                foreach (var attribute in value.Value.EnumerateObject())
                {
                    ScimUserReader.Set(draft, attribute.Name, attribute.Value);
                }
                break;
            case "ADD" or "REPLACE":
                throw ScimException.Invalid("invalidValue", "Without a path, the value must be an object of attributes.");
            default:
                throw ScimException.Invalid("invalidSyntax", "op must be add, replace or remove.");
        }
    }

    private static JsonElement? Property(JsonElement obj, string name) =>
        obj.EnumerateObject().Where(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault();
}
