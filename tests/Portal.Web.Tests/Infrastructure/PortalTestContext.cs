using System.Security.Claims;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.Web.Auth;
using Portal.Web.Features.AuditTrail;
using Portal.Web.Features.Documents;
using Portal.Web.Features.Flags;
using Portal.Web.Features.Inventory;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Outputs.AccessRequests;
using Portal.Web.Features.Shared;
using Portal.Web.Features.Shared.Storage;
using Portal.Web.Infrastructure.Telemetry;

namespace Portal.Web.Tests.Infrastructure;

/// <summary>
/// A bUnit context with MudBlazor, the portal's real services over a real SQLite database (a temporary
/// file brought up by the real migrations), and a signed-in user whose claims have the portal's shape.
/// </summary>
public abstract class PortalTestContext : BunitContext, IAsyncLifetime
{
    /// <summary>Seeds and arranges data; it holds every role, so that arranging never trips a permission check.</summary>
    protected static readonly Actor Arranger = new("arranger", "Test Arranger", new HashSet<string>(PortalRoles.All));

    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"portal-web-tests-{Guid.NewGuid():N}.db");
    private readonly string documentsPath = Path.Combine(Path.GetTempPath(), $"portal-web-tests-{Guid.NewGuid():N}-documents");
    private readonly BunitAuthorizationContext authorization;

    protected PortalTestContext()
    {
        // Waits are for states, never for time: a loaded CI machine may take seconds to reach one, so the bound is generous.
        DefaultWaitTimeout = TimeSpan.FromSeconds(30);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = DatabaseProvider.Sqlite,
                // No pooling, so that no connection keeps the file open once the test is over.
                ["ConnectionStrings:Portal"] = $"Data Source={databasePath};Pooling=False",
            })
            .Build();
        Services.AddPortalData(configuration);
        Services.AddSingleton<AuditRecorder>();
        Services.AddSingleton<AccessGuard>();
        Services.AddSingleton<ModelWriteGuard>();
        Services.AddSingleton<ModelService>();
        Services.AddSingleton<NextStepsService>();
        Services.AddSingleton<InventoryTextIndex>();
        Services.AddOptions<InventoryOptions>();
        Services.AddSingleton<AuditTrailService>();
        Services.AddPortalMetrics();
        Services.AddScoped<ActorAccessor>();
        Services.AddNotificationsFeature(configuration);
        Services.AddFlagsFeature(configuration);
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddDocumentsFeature();
        Services.AddKeyedSingleton<IContentStore>(DocumentService.StoreName, (_, _) => new LocalFolderContentStore(documentsPath));
        Services.AddAccessRequestsFeature();

        authorization = AddAuthorization();
        SignInAs(PortalRoles.Engineer);
    }

    /// <summary>The team the helpers register models in; each single-role test user is a member (the Manager manages it).</summary>
    protected const string HomeTeam = "Payments";

    public virtual async Task InitializeAsync()
    {
        await PortalDatabase.MigrateAsync(Services);
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var team = Portal.Domain.Teams.Team.Create(HomeTeam, null);
        foreach (var role in PortalRoles.All)
        {
            team.SetMember($"sub-{role.ToLowerInvariant()}", $"Test {role}", isManager: role == PortalRoles.Manager);
        }
        db.Teams.Add(team);
        db.Actor = Arranger;
        await db.SaveChangesAsync();
    }

    /// <summary>The actor the signed-in test user stands for, as the portal's pages see them.</summary>
    protected Actor CurrentActor { get; private set; } = Arranger;

    /// <summary>MudBlazor's services dispose only asynchronously, so the context is disposed here rather than by Dispose().</summary>
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        DeleteDatabase();
    }

    protected ModelService Models => Services.GetRequiredService<ModelService>();

    /// <summary>
    /// Signs in a user with the claims the portal issues ("sub", "name", "role") and the policies the
    /// portal would grant those roles (one per permission, as AuthenticationSetup defines them).
    /// </summary>
    protected void SignInAs(params string[] roles)
    {
        var name = roles.Length == 0 ? "No Role" : $"Test {string.Join(" ", roles)}";
        authorization.SetAuthorized(name);
        authorization.SetRoles(roles);
        var policies = Enum.GetValues<Permission>()
            .Where(permission => RolePermissions.Allows(roles, permission))
            .Select(permission => permission.ToString());
        authorization.SetPolicies(
            [.. policies, .. roles.Any(PortalRoles.IsKnown) ? new[] { PortalAuthSchemes.PortalUserPolicy } : []]);
        CurrentActor = new Actor($"sub-{string.Join("-", roles).ToLowerInvariant()}", name, roles.ToHashSet());
        // bUnit's own role claims use ClaimTypes.Role; the portal reads "role", as its sign-in issues it.
        authorization.SetClaims(
            [
                new Claim(PortalClaims.Subject, $"sub-{string.Join("-", roles).ToLowerInvariant()}"),
                new Claim(PortalClaims.Name, name),
                .. roles.Select(role => new Claim(PortalClaims.Role, role)),
            ]);
    }

    /// <summary>Renders <typeparamref name="TComponent"/> beside the MudBlazor providers that popovers, dialogs and snackbars need.</summary>
    protected IRenderedComponent<TComponent> RenderWithProviders<TComponent>()
        where TComponent : IComponent
    {
        Host = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<TComponent>(3);
            builder.CloseComponent();
        });
        return Host.FindComponent<TComponent>();
    }

    /// <summary>Renders only the MudBlazor providers, for tests that open dialogs through <see cref="IDialogService"/>.</summary>
    protected IRenderedComponent<IComponent> RenderProviders() => Host = Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
    });

    /// <summary>The last render, providers included: dialogs and popovers appear here rather than inside the component.</summary>
    protected IRenderedComponent<IComponent> Host { get; private set; } = null!;

    protected async Task<ModelView> RegisterModelAsync(string key, string? name = null, string team = "Payments",
        RiskTier riskTier = RiskTier.Medium, LifecycleStatus status = LifecycleStatus.Development, params string[] tags) =>
        await Models.RegisterAsync(Arranger, new ModelDetails(key, name ?? $"Model {key}", $"Description of {key}", team, riskTier, status, tags));

    protected async Task<int> CountModelsAsync()
    {
        var factory = Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Models.CountAsync();
    }

    private void DeleteDatabase()
    {
        foreach (var path in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
        {
            File.Delete(path);
        }
        if (Directory.Exists(documentsPath))
        {
            Directory.Delete(documentsPath, recursive: true);
        }
    }
}
