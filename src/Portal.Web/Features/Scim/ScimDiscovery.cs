using System.Text.Json.Nodes;

namespace Portal.Web.Features.Scim;

/// <summary>The discovery resources of RFC 7644 §4: what this service provider supports, its one resource type and schema.</summary>
public static class ScimDiscovery
{
    public static JsonObject ServiceProviderConfig(string baseUrl) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ServiceProviderConfig),
        ["documentationUri"] = null,
        ["patch"] = Supported(true),
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = ScimUserService.MaxPageSize },
        ["changePassword"] = Supported(false),
        ["sort"] = Supported(false),
        ["etag"] = Supported(true),
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "Bearer token",
            ["description"] = "An Admin service token of the portal (Administration > Service tokens, or Portal:ServiceTokens in configuration).",
            ["primary"] = true,
        }),
        ["meta"] = Meta("ServiceProviderConfig", $"{baseUrl}/ServiceProviderConfig"),
    };

    public static JsonObject UserResourceType(string baseUrl) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ResourceType),
        ["id"] = "User",
        ["name"] = "User",
        ["endpoint"] = "/Users",
        ["description"] = "A person of the portal's user directory",
        ["schema"] = ScimSchemas.User,
        ["meta"] = Meta("ResourceType", $"{baseUrl}/ResourceTypes/User"),
    };

    public static JsonObject ResourceTypes(string baseUrl) => List(UserResourceType(baseUrl));

    public static JsonObject Schemas(string baseUrl) => List(UserSchema(baseUrl));

    public static JsonObject? Schema(string id, string baseUrl) => id == ScimSchemas.User ? UserSchema(baseUrl) : null;

    /// <summary>The core User schema, reduced to the attributes the portal keeps.</summary>
    private static JsonObject UserSchema(string baseUrl) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.Schema),
        ["id"] = ScimSchemas.User,
        ["name"] = "User",
        ["description"] = "User Account",
        ["attributes"] = new JsonArray(
            Attribute("userName", "string", required: true, uniqueness: "server"),
            Attribute("externalId", "string"),
            Complex("name", Attribute("formatted", "string"), Attribute("givenName", "string"), Attribute("familyName", "string")),
            Attribute("displayName", "string"),
            Complex("emails", multiValued: true, Attribute("value", "string"), Attribute("type", "string"), Attribute("primary", "boolean")),
            Attribute("active", "boolean"),
            Complex("groups", multiValued: true, mutability: "readOnly", Attribute("value", "string", mutability: "readOnly"),
                Attribute("display", "string", mutability: "readOnly"), Attribute("type", "string", mutability: "readOnly"))),
        ["meta"] = Meta("Schema", $"{baseUrl}/Schemas/{ScimSchemas.User}"),
    };

    private static JsonObject List(params JsonObject[] resources) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ListResponse),
        ["totalResults"] = resources.Length,
        ["itemsPerPage"] = resources.Length,
        ["startIndex"] = 1,
        ["Resources"] = new JsonArray([.. resources]),
    };

    private static JsonObject Attribute(string name, string type, bool required = false, string mutability = "readWrite", string uniqueness = "none") => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["multiValued"] = false,
        ["required"] = required,
        ["caseExact"] = false,
        ["mutability"] = mutability,
        ["returned"] = "default",
        ["uniqueness"] = uniqueness,
    };

    private static JsonObject Complex(string name, params JsonObject[] subAttributes) => Complex(name, false, "readWrite", subAttributes);

    private static JsonObject Complex(string name, bool multiValued, params JsonObject[] subAttributes) => Complex(name, multiValued, "readWrite", subAttributes);

    private static JsonObject Complex(string name, bool multiValued, string mutability, params JsonObject[] subAttributes) => new()
    {
        ["name"] = name,
        ["type"] = "complex",
        ["multiValued"] = multiValued,
        ["required"] = false,
        ["mutability"] = mutability,
        ["returned"] = "default",
        ["subAttributes"] = new JsonArray([.. subAttributes]),
    };

    private static JsonObject Supported(bool supported) => new() { ["supported"] = supported };

    private static JsonObject Meta(string resourceType, string location) => new() { ["resourceType"] = resourceType, ["location"] = location };
}
