using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using MudBlazor.Services;
using Portal.Data;
using Portal.Web.Auth;
using Portal.Web.Components;
using Portal.Web.Features.Admin;
using Portal.Web.Features.ApiContract;
using Portal.Web.Features.AuditTrail;
using Portal.Web.Features.Audits;
using Portal.Web.Features.Documents;
using Portal.Web.Features.Evidence;
using Portal.Web.Features.Fairness;
using Portal.Web.Features.Findings;
using Portal.Web.Features.ModelCards;
using Portal.Web.Features.Flags;
using Portal.Web.Features.Inventory;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Outputs;
using Portal.Web.Features.Outputs.AccessRequests;
using Portal.Web.Features.Ownership;
using Portal.Web.Features.PointInTime;
using Portal.Web.Features.Releases;
using Portal.Web.Features.Scim;
using Portal.Web.Features.Shared;
using Portal.Web.Features.Versions;
using Portal.Web.Features.Webhooks;
using Portal.Web.Infrastructure.Telemetry;

namespace Portal.Web.Infrastructure;

/// <summary>The portal's composition, kept out of Program.cs so that it reads as a list.</summary>
public static class PortalHost
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            // Scopes carry the TraceId and SpanId of the request or circuit event a line was written in.
            builder.Logging.ClearProviders().AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.IncludeScopes = true;
            });
        }
        builder.AddPortalTelemetry();
        builder.Services.AddActivePersonWriteCheck();
        builder.Services.AddPortalData(builder.Configuration);
        builder.AddPortalDataProtection();
        builder.AddPortalAuthentication();
        builder.Services.AddSingleton<AuditRecorder>();
        builder.Services.AddSingleton<AccessGuard>();
        builder.Services.AddSingleton<ModelWriteGuard>();
        builder.Services.AddSingleton<ModelService>();
        builder.Services.AddSingleton<NextStepsService>();
        builder.Services.AddSingleton<Portal.Web.Features.Dashboard.HomeService>();
        builder.Services.AddSingleton<InventoryTextIndex>();
        builder.Services.AddSingleton<IFullTextProbe, SqlServerFullTextProbe>();
        builder.Services.AddOptions<InventoryOptions>().BindConfiguration(InventoryOptions.Section)
            .Validate(o => o.PageCountLimit >= Paging.MaxPageSize, $"Inventory:PageCountLimit must be at least {Paging.MaxPageSize}, the largest page.")
            .ValidateOnStart();
        builder.Services.AddSingleton<AuditTrailService>();
        builder.Services.AddSingleton<ServiceTokenService>();
        builder.Services.AddSingleton<TokenUseTally>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TokenUseTally>());
        builder.Services.AddApiRateLimiting();
        builder.Services.AddSingleton<UserAdminService>();
        builder.Services.AddVersionsFeature();
        builder.Services.AddAccessRequestsFeature();
        builder.Services.AddOwnershipFeature();
        builder.Services.AddScimFeature();
        builder.Services.AddNotificationsFeature(builder.Configuration);
        builder.Services.AddReleasesFeature();
        builder.Services.AddFlagsFeature(builder.Configuration);
        builder.Services.AddFairnessFeature();
        builder.Services.AddDocumentsFeature();
        builder.Services.AddModelCardFeature();
        builder.Services.AddOutputsFeature();
        builder.Services.AddPointInTimeFeature();
        builder.Services.AddFindingsFeature();
        builder.Services.AddAuditsFeature();
        builder.Services.AddEvidenceFeature();
        builder.Services.AddWebhooksFeature();
        builder.Services.AddApiContractFeature();
        builder.Services.AddScoped<ActorAccessor>();
        builder.Services.AddHostedService<SqliteStatistics>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        // A query value that does not bind (sort=foo) is answered with what failed, not a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddPortalOpenApi();
        builder.Services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database", tags: ["ready"]);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddPortalCircuitLimits(builder.Configuration);
        builder.Services.AddMudServices();
        return builder;
    }

    /// <summary>Migrates and, in Development, seeds the demo data; <paramref name="resetDemoData"/> first deletes the SQLite file.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, bool resetDemoData = false)
    {
        if (resetDemoData)
        {
            var path = DemoDataReset.DeleteDatabase(app.Configuration, app.Environment);
            app.Logger.LogWarning("Deleted the demo database {Path} ({Switch}); it is created and seeded again now.", path, DemoDataReset.Switch);
        }
        if (resetDemoData || app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            await PortalDatabase.MigrateAsync(app.Services);
        }
        await app.Services.GetRequiredService<InventoryTextIndex>().DetectAsync(app.Services.GetRequiredService<IFullTextProbe>(),
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<InventoryTextIndex>(), app.Lifetime.ApplicationStopping);
        if (resetDemoData || app.Configuration.GetValue("Portal:SeedDemoData", false))
        {
            await DemoDataSeeder.SeedAsync(app.Services);
        }
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        app.UseExceptionHandler();
        // An empty error answer becomes a problem detail for the API and SCIM, and the portal's styled page for a browser.
        app.UseStatusCodePages();
        app.UseWhen(context => IsBrowserPage(context.Request), browser => browser.UseStatusCodePagesWithReExecute("/not-found"));
        // Routing after the status code pages, so that the re-executed request finds the not-found page's endpoint.
        app.UseRouting();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UsePortalSecurityHeaders(app.Configuration["Auth:Oidc:Authority"]);
        app.UseAuthentication();
        app.UseQueryTextCheck();
        app.UseApiRateLimiting();
        app.UseAuthorization();
        app.UseIdempotencyKeys();
        app.UseAntiforgery();

        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapPortalOpenApi();
        app.MapAccountEndpoints();
        app.MapAuditExportForPeople();
        app.MapDocumentDownloadForPeople();
        app.MapOutputDownloadForPeople();
        app.MapEvidenceDownloadForPeople();
        app.MapGroup("/inventory").RequireAuthorization(PortalAuthSchemes.PortalUserPolicy).ExcludeFromDescription().MapInventoryExport("");

        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(PortalAuthSchemes.Bearer).RequireRole(Domain.Access.PortalRoles.All))
            .RequireRateLimiting(ApiRateLimiting.Policy);
        api.WithApiContract();
        api.MapModelEndpoints();
        api.MapAccessRequestEndpoints();
        api.MapAuditEndpoints();
        api.MapVersionEndpoints();
        api.MapOwnershipEndpoints();
        api.MapNotificationsEndpoints();
        app.MapScimEndpoints();
        api.MapReleaseEndpoints();
        api.MapFlagsEndpoints();
        api.MapFairnessEndpoints();
        api.MapDocumentEndpoints();
        api.MapModelCardEndpoints();
        api.MapOutputsEndpoints();
        api.MapFindingEndpoints();
        api.MapAuditRequestEndpoints();
        api.MapEvidenceEndpoints();
        api.MapWebhookEndpoints();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>A browser asking for a page: not the API, not SCIM, not a file, and it accepts HTML.</summary>
    private static bool IsBrowserPage(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/scim")
        && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
