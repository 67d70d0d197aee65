using Microsoft.OpenApi;
using Portal.Web.Features.ApiContract;
using Scalar.AspNetCore;

namespace Portal.Web.Infrastructure;

public static class OpenApiSetup
{
    public static IServiceCollection AddPortalOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options => options.AddApiContractTransformers().AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Model Governance Portal API",
                Version = "v1",
                Description = "Register and read models, and read and verify the audit trail. Authenticate with `Authorization: Bearer <token>`: " +
                    "a service token issued by an Admin, a static token from configuration, or a JWT from the identity provider (client credentials).",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A portal service token or an identity-provider JWT.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
            return Task.CompletedTask;
        }));

    /// <summary>The document at <c>/openapi/v1.json</c> and a browsable reference at <c>/api/reference</c>.</summary>
    public static void MapPortalOpenApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/scalar", options => options.WithTitle("Model Governance Portal API").DisableDefaultFonts()).AllowAnonymous();
        app.MapGet("/api/reference", () => Results.Redirect("/scalar/v1")).ExcludeFromDescription();
    }
}
