using System.Net;
using Portal.IntegrationTests.Infrastructure;
using static Portal.IntegrationTests.Scim.ScimClient;

namespace Portal.IntegrationTests.Scim;

/// <summary>Every /scim/v2/Users operation as Entra ID and Okta call it, with an Admin service token.</summary>
[Trait("Category", TestEngine.SqliteOnly)]
public sealed class ScimUserTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly ScimClient scim = new(portal);

    [Fact]
    public async Task Create_answers_201_with_the_resource_its_location_and_version()
    {
        var userName = Unique("grace");
        var response = await scim.SendAsync(HttpMethod.Post, Users, NewUser(userName, externalId: $"sub-{userName}"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var user = await JsonOf(response);
        Assert.Equal("urn:ietf:params:scim:schemas:core:2.0:User", user.GetProperty("schemas")[0].GetString());
        Assert.Equal(userName, user.GetProperty("userName").GetString());
        Assert.Equal($"sub-{userName}", user.GetProperty("externalId").GetString());
        Assert.Equal("Grace Hopper", user.GetProperty("displayName").GetString());
        Assert.Equal("Hopper", user.GetProperty("name").GetProperty("familyName").GetString());
        Assert.Equal(userName, user.GetProperty("emails")[0].GetProperty("value").GetString());
        Assert.True(user.GetProperty("active").GetBoolean());
        var meta = user.GetProperty("meta");
        Assert.Equal("User", meta.GetProperty("resourceType").GetString());
        Assert.Equal("W/\"1\"", meta.GetProperty("version").GetString());
        Assert.Equal(meta.GetProperty("location").GetString(), response.Headers.Location?.ToString());
        Assert.EndsWith($"/scim/v2/Users/{Id(user)}", meta.GetProperty("location").GetString(), StringComparison.Ordinal);
        Assert.Equal("W/\"1\"", response.Headers.ETag?.ToString());
        Assert.True(meta.TryGetProperty("created", out _) && meta.TryGetProperty("lastModified", out _));
    }

    [Fact]
    public async Task Get_returns_the_user_and_an_unknown_id_is_a_scim_404()
    {
        var created = await scim.CreateAsync(Unique("get"));

        var found = await JsonOf(await scim.SendAsync(HttpMethod.Get, $"{Users}/{Id(created)}"));
        Assert.Equal(created.GetProperty("userName").GetString(), found.GetProperty("userName").GetString());

        var missing = await scim.SendAsync(HttpMethod.Get, $"{Users}/999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var error = await JsonOf(missing);
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", error.GetProperty("schemas")[0].GetString());
        Assert.Equal("404", error.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Filter_by_userName_ignores_case_and_by_externalId_finds_exactly_that_person()
    {
        var userName = Unique("filter");
        var created = await scim.CreateAsync(userName, externalId: $"ext-{userName}");
        await scim.CreateAsync(Unique("other"));

        var byName = await JsonOf(await scim.SendAsync(HttpMethod.Get, $"{Users}?filter={Uri.EscapeDataString($"userName eq \"{userName.ToUpperInvariant()}\"")}"));
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", byName.GetProperty("schemas")[0].GetString());
        Assert.Equal(1, byName.GetProperty("totalResults").GetInt32());
        Assert.Equal(Id(created), Id(byName.GetProperty("Resources")[0]));

        var byExternalId = await JsonOf(await scim.SendAsync(HttpMethod.Get, $"{Users}?filter={Uri.EscapeDataString($"externalId eq \"ext-{userName}\"")}"));
        Assert.Equal(Id(created), Id(byExternalId.GetProperty("Resources").EnumerateArray().Single()));

        var nobody = await JsonOf(await scim.SendAsync(HttpMethod.Get, $"{Users}?filter={Uri.EscapeDataString("userName eq \"nobody@example.test\"")}"));
        Assert.Equal(0, nobody.GetProperty("totalResults").GetInt32());
        Assert.Empty(nobody.GetProperty("Resources").EnumerateArray());
    }

    [Theory]
    [InlineData("userName co \"a\"")]
    [InlineData("title eq \"x\"")]
    [InlineData("userName eq unquoted")]
    [InlineData("userName eq \"a\" and active eq true")]
    public async Task An_unsupported_filter_is_a_400_invalidFilter(string filter)
    {
        var response = await scim.SendAsync(HttpMethod.Get, $"{Users}?filter={Uri.EscapeDataString(filter)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await JsonOf(response);
        Assert.Equal("400", error.GetProperty("status").GetString());
        Assert.Equal("invalidFilter", error.GetProperty("scimType").GetString());
    }

    [Fact]
    public async Task Paging_uses_one_based_startIndex_and_count()
    {
        using var local = new PortalFactory();
        var client = new ScimClient(local);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(Id(await client.CreateAsync(Unique($"page{i}"))));
        }

        var page = await JsonOf(await client.SendAsync(HttpMethod.Get, $"{Users}?startIndex=2&count=2"));

        Assert.Equal(5, page.GetProperty("totalResults").GetInt32());
        Assert.Equal(2, page.GetProperty("itemsPerPage").GetInt32());
        Assert.Equal(2, page.GetProperty("startIndex").GetInt32());
        Assert.Equal(ids[1..3], page.GetProperty("Resources").EnumerateArray().Select(Id));
        var countZero = await JsonOf(await client.SendAsync(HttpMethod.Get, $"{Users}?count=0"));
        Assert.Equal(5, countZero.GetProperty("totalResults").GetInt32());
        Assert.Empty(countZero.GetProperty("Resources").EnumerateArray());
    }

    [Fact]
    public async Task A_taken_userName_in_any_case_is_a_409_uniqueness()
    {
        var userName = Unique("dup");
        await scim.CreateAsync(userName);

        var response = await scim.SendAsync(HttpMethod.Post, Users, NewUser(userName.ToUpperInvariant()));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var error = await JsonOf(response);
        Assert.Equal("409", error.GetProperty("status").GetString());
        Assert.Equal("uniqueness", error.GetProperty("scimType").GetString());
    }

    [Fact]
    public async Task Bad_input_is_a_400_in_scim_format_and_changes_nothing()
    {
        var noUserName = await scim.SendAsync(HttpMethod.Post, Users, new { schemas = new[] { "urn:ietf:params:scim:schemas:core:2.0:User" }, displayName = "X" });
        Assert.Equal(HttpStatusCode.BadRequest, noUserName.StatusCode);
        Assert.Equal("invalidValue", (await JsonOf(noUserName)).GetProperty("scimType").GetString());

        var malformed = await scim.SendAsync(HttpMethod.Post, Users, "{ not json");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("invalidSyntax", (await JsonOf(malformed)).GetProperty("scimType").GetString());

        var created = await scim.CreateAsync(Unique("bad"));
        var notBool = await scim.SendAsync(HttpMethod.Patch, $"{Users}/{Id(created)}",
            Patch(new { op = "replace", path = "active", value = "perhaps" }));
        Assert.Equal(HttpStatusCode.BadRequest, notBool.StatusCode);
        var readOnly = await scim.SendAsync(HttpMethod.Patch, $"{Users}/{Id(created)}", Patch(new { op = "replace", path = "id", value = "7" }));
        Assert.Equal("mutability", (await JsonOf(readOnly)).GetProperty("scimType").GetString());
        var unknownPath = await scim.SendAsync(HttpMethod.Patch, $"{Users}/{Id(created)}", Patch(new { op = "replace", path = "nickName", value = "G" }));
        Assert.Equal("invalidPath", (await JsonOf(unknownPath)).GetProperty("scimType").GetString());
        var after = await JsonOf(await scim.SendAsync(HttpMethod.Get, $"{Users}/{Id(created)}"));
        Assert.Equal("W/\"1\"", after.GetProperty("meta").GetProperty("version").GetString());
    }

    [Fact]
    public async Task Replace_takes_the_new_attributes_and_raises_the_version()
    {
        var created = await scim.CreateAsync(Unique("put"));
        var newName = Unique("renamed");

        var response = await scim.SendAsync(HttpMethod.Put, $"{Users}/{Id(created)}", new
        {
            schemas = new[] { "urn:ietf:params:scim:schemas:core:2.0:User" },
            userName = newName,
            name = new { givenName = "Grace B.", familyName = "Hopper" },
            displayName = "Rear Admiral Hopper",
            emails = new[] { new { value = newName, primary = true } },
            active = true,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var user = await JsonOf(response);
        Assert.Equal(newName, user.GetProperty("userName").GetString());
        Assert.Equal("Rear Admiral Hopper", user.GetProperty("displayName").GetString());
        Assert.Equal("Grace B.", user.GetProperty("name").GetProperty("givenName").GetString());
        Assert.False(user.TryGetProperty("externalId", out _));
        Assert.Equal("W/\"2\"", user.GetProperty("meta").GetProperty("version").GetString());
    }

    [Fact]
    public async Task Entra_ID_deactivates_with_a_no_path_replace_and_string_booleans()
    {
        var created = await scim.CreateAsync(Unique("entra"));

        var response = await scim.SendAsync(HttpMethod.Patch, $"{Users}/{Id(created)}",
            Patch(new { op = "Replace", value = new { active = false } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await JsonOf(response)).GetProperty("active").GetBoolean());

        var reactivated = await scim.SendAsync(HttpMethod.Patch, $"{Users}/{Id(created)}",
            Patch(new { op = "Replace", path = "active", value = "True" }));
        Assert.True((await JsonOf(reactivated)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Okta_deactivates_with_a_lower_case_no_path_replace()
    {
        var created = await scim.CreateAsync(Unique("okta"));

        var response = await scim.SendAsync(HttpMethod.Patch, $"{Users}/{Id(created)}",
            new { schemas = new[] { "urn:ietf:params:scim:api:messages:2.0:PatchOp" }, Operations = new[] { new { op = "replace", value = new { active = false } } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fetched = await JsonOf(await scim.SendAsync(HttpMethod.Get, $"{Users}/{Id(created)}"));
        Assert.False(fetched.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Patch_changes_names_and_the_work_email_by_path()
    {
        var created = await scim.CreateAsync(Unique("names"));
        var email = Unique("new-mail");

        var response = await scim.SendAsync(HttpMethod.Patch, $"{Users}/{Id(created)}", Patch(
            new { op = "replace", path = "name.givenName", value = "Amazing Grace" },
            new { op = "Replace", path = "displayName", value = "Amazing Grace Hopper" },
            new { op = "Add", path = "emails[type eq \"work\"].value", value = email },
            new { op = "remove", path = "name.familyName", value = (string?)null }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var user = await JsonOf(response);
        Assert.Equal("Amazing Grace", user.GetProperty("name").GetProperty("givenName").GetString());
        Assert.False(user.GetProperty("name").TryGetProperty("familyName", out _));
        Assert.Equal("Amazing Grace Hopper", user.GetProperty("displayName").GetString());
        Assert.Equal(email, user.GetProperty("emails")[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task If_Match_with_a_stale_version_is_a_412_and_changes_nothing()
    {
        var created = await scim.CreateAsync(Unique("etag"));
        var url = $"{Users}/{Id(created)}";

        var stale = await scim.SendAsync(HttpMethod.Patch, url, Patch(new { op = "replace", path = "active", value = false }), ifMatch: "W/\"7\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("412", (await JsonOf(stale)).GetProperty("status").GetString());
        Assert.True((await JsonOf(await scim.SendAsync(HttpMethod.Get, url))).GetProperty("active").GetBoolean());

        var current = await scim.SendAsync(HttpMethod.Patch, url, Patch(new { op = "replace", path = "active", value = false }), ifMatch: "W/\"1\"");
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal("W/\"2\"", current.Headers.ETag?.ToString());
        var staleDelete = await scim.SendAsync(HttpMethod.Delete, url, ifMatch: "W/\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleDelete.StatusCode);
    }

    [Fact]
    public async Task Delete_deactivates_keeps_the_row_and_the_resource_answers_404_afterwards()
    {
        var userName = Unique("leaver");
        var created = await scim.CreateAsync(userName, externalId: $"sub-{userName}");
        var url = $"{Users}/{Id(created)}";

        Assert.Equal(HttpStatusCode.NoContent, (await scim.SendAsync(HttpMethod.Delete, url)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await scim.SendAsync(HttpMethod.Get, url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scim.SendAsync(HttpMethod.Delete, url)).StatusCode);
        var search = await JsonOf(await scim.SendAsync(HttpMethod.Get, $"{Users}?filter={Uri.EscapeDataString($"userName eq \"{userName}\"")}"));
        Assert.Equal(0, search.GetProperty("totalResults").GetInt32());
        await using var connection = portal.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT IsActive || '|' || (DeprovisionedAt IS NOT NULL) FROM Users WHERE Subject = 'sub-{userName}'";
        Assert.Equal("0|1", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Creating_a_deleted_person_again_brings_back_the_same_account()
    {
        var userName = Unique("rehire");
        var created = await scim.CreateAsync(userName, externalId: $"sub-{userName}");
        await scim.SendAsync(HttpMethod.Delete, $"{Users}/{Id(created)}");

        var again = await scim.CreateAsync(userName, externalId: $"sub-{userName}");

        Assert.Equal(Id(created), Id(again));
        Assert.True(again.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Discovery_describes_patch_filter_etag_and_the_user_schema()
    {
        var config = await JsonOf(await scim.SendAsync(HttpMethod.Get, "/scim/v2/ServiceProviderConfig"));
        Assert.True(config.GetProperty("patch").GetProperty("supported").GetBoolean());
        Assert.True(config.GetProperty("filter").GetProperty("supported").GetBoolean());
        Assert.True(config.GetProperty("etag").GetProperty("supported").GetBoolean());
        Assert.False(config.GetProperty("bulk").GetProperty("supported").GetBoolean());
        Assert.Equal("oauthbearertoken", config.GetProperty("authenticationSchemes")[0].GetProperty("type").GetString());

        var types = await JsonOf(await scim.SendAsync(HttpMethod.Get, "/scim/v2/ResourceTypes"));
        Assert.Equal("/Users", types.GetProperty("Resources")[0].GetProperty("endpoint").GetString());

        var schemas = await JsonOf(await scim.SendAsync(HttpMethod.Get, "/scim/v2/Schemas"));
        var user = schemas.GetProperty("Resources")[0];
        Assert.Equal("urn:ietf:params:scim:schemas:core:2.0:User", user.GetProperty("id").GetString());
        Assert.Contains(user.GetProperty("attributes").EnumerateArray(), a => a.GetProperty("name").GetString() == "userName"
            && a.GetProperty("uniqueness").GetString() == "server");
    }
}
