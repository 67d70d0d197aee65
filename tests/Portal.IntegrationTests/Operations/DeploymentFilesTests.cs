using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Portal.IntegrationTests.Operations;

/// <summary>
/// What can be checked of infra/ without a Docker engine or a cluster: the files parse, refer to files that exist and to each
/// other consistently, the image is built as promised, and the Kubernetes manifests render with kustomize.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string Infra = RepositoryFiles.PathOf("infra");

    [Fact]
    public void Every_yaml_file_under_infra_parses()
    {
        var files = Directory.GetFiles(Infra, "*.y*ml", SearchOption.AllDirectories);
        Assert.True(files.Length >= 9, string.Join(", ", files));
        Assert.All(files, file => Assert.NotEmpty(YamlFiles.Documents(File.ReadAllText(file))));
    }

    [Fact]
    public void Compose_builds_from_files_that_exist_and_starts_two_replicas_after_the_migration()
    {
        var services = Compose().Map("services");
        foreach (var name in services.Keys())
        {
            var service = services.Map(name);
            if (service.Has("build"))
            {
                var build = service.Map("build");
                var context = Path.GetFullPath(Path.Combine(Infra, build.Text("context")!));
                Assert.True(File.Exists(Path.Combine(context, build.Text("dockerfile")!)), $"{name}: no Dockerfile");
                Assert.Contains(build.Text("target")!, DockerfileStages().Select(s => s.Name));
            }
            foreach (var mount in service.Has("volumes") ? service.List("volumes").Texts() : [])
            {
                if (mount!.StartsWith("./", StringComparison.Ordinal))
                {
                    Assert.True(File.Exists(Path.Combine(Infra, mount.Split(':')[0])), $"{name}: {mount} does not exist");
                }
            }
        }
        Assert.Equal(["--migrate-only"], services.Map("migrate").List("command").Texts());
        foreach (var replica in new[] { "portal-a", "portal-b" })
        {
            Assert.Equal("false", services.Map(replica).Map("environment").Text("Database__MigrateOnStartup"));
            Assert.Equal("service_completed_successfully", services.Map(replica).Map("depends_on").Map("migrate").Text("condition"));
        }
        Assert.Equal("service_healthy", services.Map("migrate").Map("depends_on").Map("sqlserver").Text("condition"));
    }

    [Fact]
    public void The_proxy_sends_to_both_compose_replicas_sticky_by_cookie_and_the_identity_provider_knows_its_address()
    {
        var nginx = File.ReadAllText(Path.Combine(Infra, "nginx.conf"));
        var upstream = UpstreamBlock().Match(nginx).Groups[1].Value;
        Assert.Equal(["portal-a:8080", "portal-b:8080"], UpstreamServer().Matches(upstream).Select(m => m.Groups[1].Value));
        Assert.Contains("hash $uid_got$uid_set consistent;", upstream);
        Assert.Contains("userid         on;", nginx);
        Assert.Contains("proxy_set_header Upgrade $http_upgrade;", nginx);

        using var identity = JsonDocument.Parse(File.ReadAllText(Path.Combine(Infra, "identity.compose.json")));
        var portal = identity.RootElement.GetProperty("clients").EnumerateArray().Single(c => c.GetProperty("clientId").GetString() == "portal");
        Assert.Equal(["https://portal.test/signin-oidc"], portal.GetProperty("redirectUris").EnumerateArray().Select(u => u.GetString()));
        Assert.Contains("server_name portal.test;", nginx);
    }

    [Fact]
    public void The_image_is_multi_stage_non_root_chiseled_and_checks_its_own_health()
    {
        var stages = DockerfileStages();
        Assert.Contains(stages, s => s.Name == "build" && s.Base.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", StringComparison.Ordinal));
        // `docker build` without --target builds the last stage: it must be the portal's runtime.
        var runtime = stages[^1];
        Assert.Equal("runtime", runtime.Name);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled", runtime.Base);
        Assert.All(stages.Where(s => s.Base.Contains("aspnet", StringComparison.Ordinal)), s => Assert.Contains("USER $APP_UID", s.Instructions));
        var healthCheck = Assert.Single(runtime.Instructions, i => i.StartsWith("HEALTHCHECK", StringComparison.Ordinal));
        Assert.Contains($"\"{OperationsCommands.HealthProbe}\", \"http://127.0.0.1:8080/health\"", healthCheck);
        Assert.Contains(runtime.Instructions, i => i == "ENTRYPOINT [\"dotnet\", \"Portal.Web.dll\"]");
        Assert.Contains(runtime.Instructions, i => i.StartsWith("ENV ASPNETCORE_HTTP_PORTS=8080", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_kubernetes_manifests_render_with_probes_two_sticky_replicas_a_migration_job_and_secrets_that_exist()
    {
        var rendered = YamlFiles.Documents(await KustomizeAsync(Path.Combine(Infra, "k8s")));
        YamlMappingNode Of(string kind) => rendered.Single(d => d.Text("kind") == kind);

        var deployment = Of("Deployment");
        Assert.Equal("2", deployment.Map("spec").Text("replicas"));
        var container = (YamlMappingNode)deployment.Map("spec").Map("template").Map("spec").List("containers")[0];
        Assert.Equal("/health", container.Map("livenessProbe").Map("httpGet").Text("path"));
        Assert.Equal("/health/ready", container.Map("readinessProbe").Map("httpGet").Text("path"));
        Assert.Equal("true", deployment.Map("spec").Map("template").Map("spec").Map("securityContext").Text("runAsNonRoot"));
        Assert.Equal("ClientIP", Of("Service").Map("spec").Text("sessionAffinity"));
        Assert.Equal("cookie", Of("Ingress").Map("metadata").Map("annotations").Text("nginx.ingress.kubernetes.io/affinity"));
        Assert.Equal("false", Of("ConfigMap").Map("data").Text("Database__MigrateOnStartup"));
        var job = (YamlMappingNode)Of("Job").Map("spec").Map("template").Map("spec").List("containers")[0];
        Assert.Equal([OperationsCommands.MigrateOnly], job.List("args").Texts());

        var example = YamlFiles.Documents(File.ReadAllText(Path.Combine(Infra, "k8s", "secret.example.yaml"))).Single();
        var secretKeys = example.Map("stringData").Keys().ToHashSet();
        var referenced = rendered.SelectMany(d => d.AllNodes).OfType<YamlMappingNode>()
            .Where(m => (m.Text("name") == "portal-secrets" && m.Has("key")) || (m.Text("secretName") == "portal-secrets" && m.Has("items")))
            .SelectMany(m => m.Has("key") ? [m.Text("key")!] : m.List("items").Children.Select(i => i.Text("key")!)).ToList();
        Assert.NotEmpty(referenced);
        Assert.All(referenced, key => Assert.Contains(key, secretKeys));
    }

    [Fact]
    public void The_kustomization_lists_every_manifest_in_its_folder_but_the_secret_example()
    {
        var folder = Path.Combine(Infra, "k8s");
        var kustomization = YamlFiles.Documents(File.ReadAllText(Path.Combine(folder, "kustomization.yaml"))).Single();
        var manifests = Directory.GetFiles(folder, "*.yaml").Select(Path.GetFileName)
            .Where(f => f is not "kustomization.yaml" and not "secret.example.yaml").Order();
        Assert.Equal(manifests, kustomization.List("resources").Texts().Order());
    }

    private static YamlMappingNode Compose() => YamlFiles.Documents(File.ReadAllText(Path.Combine(Infra, "compose.yaml"))).Single();

    private sealed record Stage(string Name, string Base, List<string> Instructions);

    /// <summary>The Dockerfile's stages in order, each with its instructions (continuation lines joined, comments left out).</summary>
    private static List<Stage> DockerfileStages()
    {
        var text = File.ReadAllText(Path.Combine(Infra, "Dockerfile"));
        var instructions = Continuation().Replace(text, " ").Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'));
        var stages = new List<Stage>();
        foreach (var instruction in instructions)
        {
            if (FromLine().Match(instruction) is { Success: true } from)
            {
                stages.Add(new Stage(from.Groups[2].Value, from.Groups[1].Value, []));
            }
            else
            {
                stages[^1].Instructions.Add(instruction);
            }
        }
        return stages;
    }

    /// <summary>Renders with `kubectl kustomize`; kubectl is part of this project's machine image, so its absence is a failure.</summary>
    private static async Task<string> KustomizeAsync(string folder)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(folder);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception missing)
        {
            throw new InvalidOperationException("kubectl is not installed: the Kubernetes manifests cannot be rendered (`kubectl kustomize`).", missing);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await errors);
            return await output;
        }
    }

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"^FROM\s+(\S+)\s+AS\s+(\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"upstream portal \{(.*?)\}", RegexOptions.Singleline)]
    private static partial Regex UpstreamBlock();

    [GeneratedRegex(@"^\s*server\s+(\S+?)(?:\s|;)", RegexOptions.Multiline)]
    private static partial Regex UpstreamServer();
}
