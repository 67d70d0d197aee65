namespace Portal.Cli.Tests;

public sealed class RootCommandTests
{
    [Fact]
    public async Task Unknown_command_exits_non_zero_with_a_message()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await PortalCommandLine.InvokeAsync(["no-such-command"], output, error);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("no-such-command", error.ToString(), StringComparison.Ordinal);
    }
}
