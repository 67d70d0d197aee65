using System.Text.Json.Nodes;
using Portal.Domain.Directory;

namespace Portal.Web.Features.Scim;

/// <summary>A user as SCIM shows it. Accounts that only signed in show their e-mail (or subject) as userName and their subject as externalId.</summary>
public sealed record ScimUserView(int Id, string UserName, string? ExternalId, string DisplayName, string? GivenName, string? FamilyName,
    string? Email, bool Active, IReadOnlyList<string> Roles, DateTime Created, DateTime LastModified, int Revision)
{
    public string Version => $"W/\"{Revision}\"";

    public static ScimUserView From(UserAccount user)
    {
        var created = user.CreatedAt ?? user.LastSignInAt ?? user.ChangedAt ?? DateTime.UnixEpoch;
        return new(user.Id, user.UserName ?? user.Email ?? user.Subject, user.ExternalId ?? (user.IsPendingLink ? null : user.Subject),
            user.Name, user.GivenName, user.FamilyName, user.Email, user.IsActive,
            user.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries), created, user.ChangedAt ?? user.LastSignInAt ?? created, user.Revision);
    }

    public JsonObject ToJson(string baseUrl)
    {
        var name = new JsonObject { ["formatted"] = DisplayName };
        AddIfSet(name, "givenName", GivenName);
        AddIfSet(name, "familyName", FamilyName);
        var json = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.User),
            ["id"] = Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        AddIfSet(json, "externalId", ExternalId);
        json["userName"] = UserName;
        json["name"] = name;
        json["displayName"] = DisplayName;
        if (Email is not null)
        {
            json["emails"] = new JsonArray(new JsonObject { ["value"] = Email, ["type"] = "work", ["primary"] = true });
        }
        json["active"] = Active;
        // Read-only: the portal roles the person's identity-provider groups mapped to at their last sign-in.
        json["groups"] = new JsonArray([.. Roles.Select(r => (JsonNode)new JsonObject { ["value"] = r, ["display"] = r, ["type"] = "direct" })]);
        json["meta"] = new JsonObject
        {
            ["resourceType"] = "User",
            ["created"] = Created.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["lastModified"] = LastModified.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["location"] = Location(baseUrl),
            ["version"] = Version,
        };
        return json;
    }

    public string Location(string baseUrl) => $"{baseUrl}/Users/{Id}";

    private static void AddIfSet(JsonObject json, string key, string? value)
    {
        if (value is not null)
        {
            json[key] = value;
        }
    }
}
