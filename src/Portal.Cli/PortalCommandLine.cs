using System.CommandLine;
using Portal.Cli.Fairness;

namespace Portal.Cli;

/// <summary>The `portal` command line for pipelines: one root, one sub-command per feature.</summary>
public static class PortalCommandLine
{
    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Model Governance Portal command line for pipelines.")
        {
            FairnessCommand.Build(output, error),
        };
        root.Subcommands.Add(Releases.ReleaseCheckCommand.Create(output, error));
        root.Subcommands.Add(Models.AsOfCommand.Create(output, error));
        root.Subcommands.Add(Audit.AuditCommand.Create(output, error));
        root.Subcommands.Add(Evidence.EvidenceVerifyCommand.Create(output, error));
        return root;
    }

    public static Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error) =>
        Build(output, error).Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
}
