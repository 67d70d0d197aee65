using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Portal.Domain.ApiContract;

namespace Portal.Web.Features.ApiContract;

/// <summary>
/// What the endpoints' metadata cannot say in the OpenAPI document: the <c>Idempotency-Key</c> and <c>If-Match</c> request
/// headers, the <c>ETag</c> answer header, and path parameters a handler reads without declaring them.
/// </summary>
public static partial class ApiContractOpenApi
{
    public static OpenApiOptions AddApiContractTransformers(this OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            WithoutTrailingSlashes(document);
            // The document is served from wherever the portal runs: paths are relative to the address it was read from.
            document.Servers = [new OpenApiServer { Url = "/", Description = "The portal this document was read from." }];
            DescribeTags(document);
            return Task.CompletedTask;
        })
        .AddSchemaTransformer((schema, context, _) =>
        {
            // Enums travel as their names (JsonStringEnumConverter); saying so lets generators read them as strings.
            var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
            if (type.IsEnum && schema.Type is null)
            {
                // The shared enum schema lists names only: where a property may be null, the document says so around the reference (oneOf with null).
                schema.Type = JsonSchemaType.String;
                if (schema.Enum is { } values)
                {
                    schema.Enum = [.. values.Where(value => value is not null && value.GetValueKind() != System.Text.Json.JsonValueKind.Null)];
                }
            }
            return Task.CompletedTask;
        })
        .AddOperationTransformer((operation, context, _) =>
        {
            var path = "/" + (context.Description.RelativePath ?? "");
            if (!path.StartsWith("/api/v1", StringComparison.Ordinal))
            {
                return Task.CompletedTask;
            }
            operation.Parameters ??= [];
            operation.OperationId ??= (context.Description.HttpMethod ?? "").ToUpperInvariant()[..1] + (context.Description.HttpMethod ?? "").ToLowerInvariant()[1..]
                + string.Concat(path.Split('/', '.', '-', '{', '}').Where(s => s.Length > 0).Select(s => char.ToUpperInvariant(s[0]) + s[1..]));
            DeclareMissingPathParameters(operation, path);
            var method = context.Description.HttpMethod ?? "";
            if (HttpMethods.IsPost(method))
            {
                operation.Parameters.Add(Header(IdempotencyKey.Header,
                    $"Makes the POST safe to retry: a repeat with the same key and body answers what the first did (marked {IdempotencyMiddleware.ReplayedHeader}: true) without writing again; the same key with another request is a 422. 1 to {IdempotencyKey.MaxLength} printable ASCII characters, kept {IdempotencyKey.Lifetime.TotalHours:0} hours per caller.",
                    IdempotencyKey.MaxLength));
            }
            if (operation.Responses?.ContainsKey("412") == true)
            {
                operation.Parameters.Add(Header("If-Match",
                    "The ETag of the record as you read it (\"4\"); used as the revision read. A stale one is answered 412 and nothing changes.", 32));
            }
            if (context.Description.SupportedResponseTypes.Any(r => r.StatusCode is 200 && r.Type is { } type && RevisionPreconditions.HasRevision(type))
                && operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse okResponse)
            {
                okResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
                okResponse.Headers["ETag"] = new OpenApiHeader
                {
                    Description = "The record's revision as an entity tag; send it back in If-Match to update it.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }
            return Task.CompletedTask;
        });

    /// <summary>
    /// <c>MapGet("/")</c> in a group gives <c>/api/v1/models/</c>; routing matches it with or without the slash, and the
    /// document names it without, as clients write it.
    /// </summary>
    private static void WithoutTrailingSlashes(OpenApiDocument document)
    {
        foreach (var path in document.Paths.Keys.Where(p => p.Length > 1 && p.EndsWith('/')).ToList())
        {
            var trimmed = path.TrimEnd('/');
            if (!document.Paths.ContainsKey(trimmed))
            {
                document.Paths[trimmed] = document.Paths[path];
                document.Paths.Remove(path);
            }
        }
    }

    private static void DescribeTags(OpenApiDocument document)
    {
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && ApiTags.Descriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }
    }

    /// <summary>A <c>{name}</c> of the route that the handler does not bind (a group's prefix it never reads) is still a required path parameter.</summary>
    private static void DeclareMissingPathParameters(OpenApiOperation operation, string path)
    {
        foreach (var name in RouteParameter().Matches(path).Select(m => m.Groups[1].Value))
        {
            if (!operation.Parameters!.Any(p => p.In == ParameterLocation.Path && p.Name == name))
            {
                operation.Parameters!.Add(new OpenApiParameter
                {
                    Name = name,
                    In = ParameterLocation.Path,
                    Required = true,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }
        }
    }

    private static OpenApiParameter Header(string name, string description, int maxLength) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = false,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = maxLength },
    };

    /// <summary>A route parameter's name, without its constraint (<c>{id:guid}</c> is <c>id</c>).</summary>
    [GeneratedRegex(@"\{([A-Za-z0-9_]+)(?::[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
