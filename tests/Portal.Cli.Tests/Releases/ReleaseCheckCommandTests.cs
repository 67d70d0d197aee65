using System.CommandLine;
using Portal.Cli.Releases;
using Portal.Domain.Access;
using Portal.Domain.Releases;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Releases;

namespace Portal.Cli.Tests.Releases;

/// <summary><c>release check</c> against the real portal (its in-memory server), with the tokens a pipeline would use.</summary>
public sealed class ReleaseCheckCommandTests(ReleasePortal portal) : IClassFixture<ReleasePortal>
{
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    [Fact]
    public async Task An_approved_production_version_exits_zero()
    {
        var key = await portal.ModelAsync("Low", "eng-a");
        var id = await portal.RequestAsync(key, "eng-a");
        await portal.Releases.SignAsync(ReleasePortal.Reviewer("rev-cli"), portal.FreshSession, id, SignatureMeaning.Approved, "Good.");

        Assert.Equal(0, await CheckAsync("release", "check", "--model", key, "--version", "2.0.0", "--stage", "Production",
            "--url", "http://localhost", "--token", PortalFactory.TokenFor(PortalRoles.Engineer)));
        Assert.Contains($"Approved: {key} 2.0.0 for Production (release request {id}", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_without_an_approved_release_exits_one_with_the_reasons()
    {
        var key = await portal.ModelAsync("Low");
        Assert.Equal(1, await CheckAsync("release", "check", "--model", key, "--version", "1.0.0", "--url", "http://localhost",
            "--token", PortalFactory.TokenFor(PortalRoles.Engineer)));
        Assert.Contains("Not approved", error.ToString(), StringComparison.Ordinal);
        Assert.Contains($"No approved release request moved {key}@1.0.0 to Production.", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_address_and_token_come_from_the_environment_when_not_given()
    {
        var key = await portal.ModelAsync("Low");
        var environment = new Dictionary<string, string?> { ["PORTAL_URL"] = "http://localhost/", ["PORTAL_TOKEN"] = PortalFactory.TokenFor(PortalRoles.Auditor) };
        Assert.Equal(1, await CheckAsync(environment, "release", "check", "--model", key, "--version", "2.0.0"));
        Assert.Contains("is in None, not Production", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_token_exits_two_with_a_clear_message()
    {
        Assert.Equal(2, await CheckAsync("release", "check", "--model", "m", "--version", "1", "--url", "http://localhost", "--token", "not-a-token"));
        Assert.Contains("did not accept the token (401)", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_model_exits_two_with_the_portals_words()
    {
        Assert.Equal(2, await CheckAsync("release", "check", "--model", "no-such-model", "--version", "1", "--url", "http://localhost",
            "--token", PortalFactory.TokenFor(PortalRoles.Engineer)));
        Assert.Contains("No model has the key 'no-such-model'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_options_exit_two_naming_each_one()
    {
        Assert.Equal(2, await CheckAsync(new Dictionary<string, string?>(), "release", "check", "--model", "--stage", "Archived"));
        var message = error.ToString();
        foreach (var expected in new[] { "--model <key>", "--version <label>", "--stage must be", "PORTAL_URL", "PORTAL_TOKEN" })
        {
            Assert.Contains(expected, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unreachable_portal_exits_two()
    {
        var exitCode = await PortalCommandLine.InvokeAsync(["release", "check", "--model", "m", "--version", "1", "--url", "http://127.0.0.1:1", "--token", "t"],
            output, error);
        Assert.Equal(2, exitCode);
        Assert.Contains("Could not reach the portal at http://127.0.0.1:1", error.ToString(), StringComparison.Ordinal);
    }

    private Task<int> CheckAsync(params string[] args) => CheckAsync(new Dictionary<string, string?>(), args);

    private Task<int> CheckAsync(Dictionary<string, string?> environment, params string[] args)
    {
        var root = new RootCommand { ReleaseCheckCommand.Create(output, error, portal.App.Server.CreateHandler(), name => environment.GetValueOrDefault(name)) };
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }
}
