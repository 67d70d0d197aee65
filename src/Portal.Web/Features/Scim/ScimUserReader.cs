using System.Text.Json;

namespace Portal.Web.Features.Scim;

/// <summary>
/// Reads SCIM User attributes from request JSON into a draft. Attribute names are case-insensitive (RFC 7643 §2.1),
/// and booleans may arrive as the strings "True"/"False", as Entra ID sends them in PATCH.
/// </summary>
public static class ScimUserReader
{
    private const string UserSchemaPrefix = ScimSchemas.User + ":";

    /// <summary>A full User (POST, PUT): every attribute the body carries, the rest left empty.</summary>
    public static ScimDraft Read(JsonElement body, bool? currentActive)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw ScimException.Invalid("invalidSyntax", "The request body must be a SCIM User object.");
        }
        var draft = new ScimDraft { Active = currentActive };
        foreach (var property in body.EnumerateObject())
        {
            if (!IsIgnoredOnWrite(property.Name))
            {
                Set(draft, property.Name, property.Value);
            }
        }
        return draft;
    }

    /// <summary>Sets one attribute by its SCIM path (e.g. <c>active</c>, <c>name.givenName</c>, <c>emails[type eq "work"].value</c>).</summary>
    public static void Set(ScimDraft draft, string path, JsonElement value)
    {
        var attribute = Unqualified(path);
        switch (attribute.ToUpperInvariant())
        {
            case "ACTIVE": draft.Active = Bool(attribute, value); break;
            case "USERNAME": draft.UserName = Text(attribute, value); break;
            case "EXTERNALID": draft.ExternalId = Text(attribute, value); break;
            case "DISPLAYNAME": draft.DisplayName = Text(attribute, value); break;
            case "NAME": SetName(draft, value); break;
            case "NAME.FORMATTED": draft.Formatted = Text(attribute, value); break;
            case "NAME.GIVENNAME": draft.GivenName = Text(attribute, value); break;
            case "NAME.FAMILYNAME": draft.FamilyName = Text(attribute, value); break;
            case "EMAILS": draft.Email = PrimaryEmail(value); break;
            case var email when IsEmailValuePath(email): draft.Email = Text(attribute, value); break;
            case "ID" or "META" or "GROUPS":
                throw ScimException.Invalid("mutability", $"{attribute} is read-only.");
            default:
                throw ScimException.Invalid("invalidPath", $"The attribute '{path}' is not supported for users.");
        }
    }

    /// <summary>Clears one attribute (PATCH remove); required attributes cannot be removed.</summary>
    public static void Remove(ScimDraft draft, string path)
    {
        var attribute = Unqualified(path);
        switch (attribute.ToUpperInvariant())
        {
            case "EXTERNALID": draft.ExternalId = null; break;
            case "DISPLAYNAME": draft.DisplayName = null; break;
            case "NAME": draft.Formatted = draft.GivenName = draft.FamilyName = null; break;
            case "NAME.FORMATTED": draft.Formatted = null; break;
            case "NAME.GIVENNAME": draft.GivenName = null; break;
            case "NAME.FAMILYNAME": draft.FamilyName = null; break;
            case "EMAILS": draft.Email = null; break;
            case var email when IsEmailValuePath(email): draft.Email = null; break;
            case "USERNAME" or "ACTIVE" or "ID" or "META" or "GROUPS":
                throw ScimException.Invalid("mutability", $"{attribute} cannot be removed.");
            default:
                throw ScimException.Invalid("invalidPath", $"The attribute '{path}' is not supported for users.");
        }
    }

    private static bool IsIgnoredOnWrite(string name) =>
        name.Equals("schemas", StringComparison.OrdinalIgnoreCase) || name.Equals("id", StringComparison.OrdinalIgnoreCase)
        || name.Equals("meta", StringComparison.OrdinalIgnoreCase) || name.Equals("groups", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("urn:", StringComparison.OrdinalIgnoreCase) && !name.StartsWith(UserSchemaPrefix, StringComparison.OrdinalIgnoreCase);

    private static string Unqualified(string path) =>
        path.StartsWith(UserSchemaPrefix, StringComparison.OrdinalIgnoreCase) ? path[UserSchemaPrefix.Length..] : path.Trim();

    /// <summary>The value-path forms Entra ID and Okta use for the work or primary e-mail address.</summary>
    private static bool IsEmailValuePath(string upper) =>
        upper.StartsWith("EMAILS[", StringComparison.Ordinal) && upper.EndsWith("].VALUE", StringComparison.Ordinal);

    private static void SetName(ScimDraft draft, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw ScimException.Invalid("invalidValue", "name must be an object.");
        }
        foreach (var part in value.EnumerateObject())
        {
            switch (part.Name.ToUpperInvariant())
            {
                case "FORMATTED": draft.Formatted = Text("name.formatted", part.Value); break;
                case "GIVENNAME": draft.GivenName = Text("name.givenName", part.Value); break;
                case "FAMILYNAME": draft.FamilyName = Text("name.familyName", part.Value); break;
                default: break; // middleName, honorificPrefix...: not kept
            }
        }
    }

    private static string? PrimaryEmail(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ScimException.Invalid("invalidValue", "emails must be an array.");
        }
        var emails = value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).ToList();
        var chosen = emails.FirstOrDefault(e => e.TryGetProperty("primary", out var p) && IsTrue(p));
        if (chosen.ValueKind == JsonValueKind.Undefined)
        {
            chosen = emails.FirstOrDefault();
        }
        return chosen.ValueKind == JsonValueKind.Object && Property(chosen, "value") is { } address ? Text("emails.value", address) : null;
    }

    private static JsonElement? Property(JsonElement obj, string name) =>
        obj.EnumerateObject().Where(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault();

    private static bool IsTrue(JsonElement value) =>
        value.ValueKind == JsonValueKind.True || value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString(), out var b) && b;

    private static string? Text(string attribute, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => throw ScimException.Invalid("invalidValue", $"{attribute} must be a string."),
    };

    private static bool Bool(string attribute, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String when bool.TryParse(value.GetString(), out var parsed) => parsed,
        _ => throw ScimException.Invalid("invalidValue", $"{attribute} must be true or false."),
    };
}
