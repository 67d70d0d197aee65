using System.Net;
using System.Net.Http.Json;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.ApiContract;

public sealed class EntityTagTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly HttpClient engineer = portal.ClientAs(PortalRoles.Engineer);

    [Fact]
    public async Task A_read_carries_the_revision_as_etag_and_an_update_with_it_moves_it_on()
    {
        await RegisterAsync("etag-read");
        var read = await engineer.GetAsync("/api/v1/models/etag-read");
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);

        var updated = await UpdateAsync("etag-read", "Renamed once", ifMatch: read.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("\"2\"", updated.Headers.ETag?.Tag);
        Assert.Equal(2, (await updated.ReadJsonAsync()).GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task A_stale_if_match_is_refused_with_412_and_changes_nothing()
    {
        await RegisterAsync("etag-stale");
        Assert.Equal(HttpStatusCode.OK, (await UpdateAsync("etag-stale", "Someone else's edit", ifMatch: "\"1\"")).StatusCode);

        var stale = await UpdateAsync("etag-stale", "My edit from an old read", ifMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Contains("If-Match \"1\" is not the record's current revision", (await stale.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var model = await (await engineer.GetAsync("/api/v1/models/etag-stale")).ReadJsonAsync();
        Assert.Equal("Someone else's edit", model.GetProperty("name").GetString());
        Assert.Equal(2, model.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task Without_if_match_the_body_revision_is_checked_as_before()
    {
        await RegisterAsync("etag-body");
        Assert.Equal(HttpStatusCode.OK, (await UpdateAsync("etag-body", "First", revision: 1)).StatusCode);

        var stale = await UpdateAsync("etag-body", "Second", revision: 1);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("1")]
    [InlineData("\"1\", \"2\"")]
    [InlineData("\"one\"")]
    public async Task An_if_match_that_is_not_one_of_our_tags_is_refused_with_400(string ifMatch)
    {
        var key = $"etag-bad-{Guid.NewGuid():N}"[..20];
        await RegisterAsync(key);

        var response = await UpdateAsync(key, "Not applied", ifMatch: ifMatch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Model " + key, (await (await engineer.GetAsync($"/api/v1/models/{key}")).ReadJsonAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_if_match_that_contradicts_the_body_revision_is_refused_with_400()
    {
        await RegisterAsync("etag-contradiction");

        var response = await UpdateAsync("etag-contradiction", "Not applied", revision: 1, ifMatch: "\"7\"");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("revision 7", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task RegisterAsync(string key) =>
        Assert.Equal(HttpStatusCode.Created, (await engineer.PostJsonAsync("/api/v1/models", HttpJson.NewModel(key))).StatusCode);

    private Task<HttpResponseMessage> UpdateAsync(string key, string name, int? revision = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/models/{key}")
        {
            Content = JsonContent.Create(new { name, description = "Scores things.", status = "Development", tags = new[] { "credit" }, revision }, options: HttpJson.Options),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return engineer.SendAsync(request);
    }
}
