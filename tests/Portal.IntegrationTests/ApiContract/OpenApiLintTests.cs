using System.Net;
using System.Text.Json;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.ApiContract;

/// <summary>The portal's OpenAPI document passes Redocly's recommended rules with no error and no warning.</summary>
public sealed class OpenApiLintTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_document_is_lint_clean()
    {
        var path = Path.Combine(Path.GetTempPath(), $"portal-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, await DocumentAsync());
        try
        {
            var lint = await Redocly.LintAsync(path);

            Assert.True(lint.Problems.Count == 0, $"redocly lint found {lint.Problems.Count} problems:\n{string.Join("\n", lint.Problems)}\n{lint.Errors}");
            Assert.Equal(0, lint.ExitCode);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Every_operation_declares_its_refusals_as_problem_details()
    {
        using var document = JsonDocument.Parse(await DocumentAsync());
        var missing = new List<string>();
        foreach (var (path, method, operation) in Operations(document))
        {
            var responses = operation.GetProperty("responses");
            string[] expected = ["400", "401", "403", "429", .. path.Contains('{', StringComparison.Ordinal) ? ["404"] : Array.Empty<string>(),
                .. method is "get" ? [] : new[] { "409" }];
            foreach (var status in expected)
            {
                if (!responses.TryGetProperty(status, out var response)
                    || !response.GetProperty("content").TryGetProperty("application/problem+json", out _))
                {
                    missing.Add($"{method.ToUpperInvariant()} {path} {status}");
                }
            }
        }
        Assert.True(missing.Count == 0, "Operations without a problem-details response: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Posts_take_an_idempotency_key_and_updates_of_a_revisioned_record_take_if_match()
    {
        using var document = JsonDocument.Parse(await DocumentAsync());
        var operations = Operations(document).ToList();

        Assert.All(operations.Where(o => o.Method == "post"), o => Assert.Contains("Idempotency-Key", HeaderNames(o.Operation)));
        var updateModel = operations.Single(o => OperationId(o.Operation) == "UpdateModel");
        Assert.Contains("If-Match", HeaderNames(updateModel.Operation));
        Assert.True(updateModel.Operation.GetProperty("responses").TryGetProperty("412", out _));
        var getModel = operations.Single(o => OperationId(o.Operation) == "GetModel");
        Assert.True(getModel.Operation.GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("ETag", out _));
    }

    private async Task<string> DocumentAsync()
    {
        var response = await portal.ClientAs(null).GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonDocument document) =>
        from path in document.RootElement.GetProperty("paths").EnumerateObject()
        where path.Name.StartsWith("/api/v1", StringComparison.Ordinal)
        from operation in path.Value.EnumerateObject()
        where operation.Name is "get" or "post" or "put" or "patch" or "delete"
        select (path.Name, operation.Name, operation.Value);

    private static string? OperationId(JsonElement operation) =>
        operation.TryGetProperty("operationId", out var id) ? id.GetString() : null;

    private static IEnumerable<string?> HeaderNames(JsonElement operation) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header").Select(p => p.GetProperty("name").GetString())
            : [];
}
