using System.CommandLine;
using System.Text.Json;
using Portal.Cli.Models;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Releases;

namespace Portal.Cli.Tests.Models;

/// <summary><c>model as-of</c> against the real portal (its in-memory server), with a movable clock.</summary>
public sealed class AsOfCommandTests(ReleasePortal portal) : IClassFixture<ReleasePortal>
{
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    private static string Iso(DateTime moment) => moment.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_model_as_of_a_moment_after_its_registration_is_printed_as_json_and_exits_zero()
    {
        var key = await portal.ModelAsync("Low");
        portal.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, await RunAsync("model", "as-of", "--model", key, "--at", Iso(portal.Now), "--url", "http://localhost",
            "--token", PortalFactory.TokenFor(PortalRoles.Admin)));
        using var json = JsonDocument.Parse(output.ToString());
        Assert.Equal(key, json.RootElement.GetProperty("key").GetString());
        Assert.Equal("1.0.0", json.RootElement.GetProperty("stages")[0].GetProperty("versionLabel").GetString());
    }

    [Fact]
    public async Task A_model_as_of_a_moment_before_it_existed_exits_one_saying_so()
    {
        var before = portal.Now;
        portal.Clock.Advance(TimeSpan.FromMinutes(1));
        var key = await portal.ModelAsync("Low");

        Assert.Equal(1, await RunAsync("model", "as-of", "--model", key, "--at", Iso(before), "--url", "http://localhost",
            "--token", PortalFactory.TokenFor(PortalRoles.Admin)));
        Assert.Contains("did not exist yet", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_whole_inventory_as_of_a_moment_is_one_json_object_with_every_model()
    {
        var key = await portal.ModelAsync("Low");
        portal.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, await RunAsync("model", "as-of", "--at", Iso(portal.Now), "--url", "http://localhost", "--token", PortalFactory.TokenFor(PortalRoles.Admin)));
        using var json = JsonDocument.Parse(output.ToString());
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(json.RootElement.GetProperty("totalCount").GetInt32(), items.Count);
        Assert.Contains(items, i => i.GetProperty("key").GetString() == key);
    }

    [Fact]
    public async Task A_moment_that_is_not_iso_8601_exits_two_with_the_portals_words()
    {
        Assert.Equal(2, await RunAsync("model", "as-of", "--at", "last tuesday", "--url", "http://localhost", "--token", PortalFactory.TokenFor(PortalRoles.Admin)));
        Assert.Contains("ISO 8601", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_options_exit_two_naming_each_one()
    {
        Assert.Equal(2, await RunAsync("model", "as-of", "--model", "m"));
        foreach (var expected in new[] { "--at", "PORTAL_URL", "PORTAL_TOKEN" })
        {
            Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
        }
    }

    private Task<int> RunAsync(params string[] args)
    {
        var root = new RootCommand { AsOfCommand.Create(output, error, portal.App.Server.CreateHandler(), _ => null) };
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }
}
