using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Auth;

/// <summary>
/// Every /api/v1 and /scim/v2 endpoint the app maps (read from its EndpointDataSource, so a new endpoint without a row fails),
/// called anonymously and by each role's token, and, for writes on a model, on a model in the token's team and on one outside
/// it; and a person deactivated after signing in, whose cookie opens nothing (the API takes bearer tokens only, and the
/// cookie of a deactivated person is refused anyway). Expected classes: 401, 403, or allowed (anything else: a minimal body may
/// well answer 400 or 404).
/// </summary>
public sealed partial class EndpointAuthorizationMatrixTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Deactivated = "deactivated person";

    private const string A = PortalRoles.Admin, M = PortalRoles.Manager, C = PortalRoles.ComplianceReviewer, E = PortalRoles.Engineer, Au = PortalRoles.Auditor;
    private static readonly string[] Everyone = [.. PortalRoles.All];

    /// <summary>
    /// Who is allowed; <c>InTeam</c> rows are writes on a model, allowed outside the model's team only to an Admin. The body is
    /// the smallest one the endpoint binds, so that the service (which checks access before the input) is reached.
    /// </summary>
    private sealed record Row(string[] Allowed, bool InTeam = false, string Body = "{}", string ContentType = "application/json");

    private static Row Roles(params string[] roles) => new(roles);

    private static Row ModelWrite(params string[] roles) => new(roles, InTeam: true);

    private static readonly Dictionary<string, Row> Matrix = new()
    {
        ["GET /api/v1/models"] = Roles(Everyone),
        ["GET /api/v1/models/export.csv"] = Roles(Everyone),
        ["GET /api/v1/models/export.xlsx"] = Roles(Everyone),
        ["GET /api/v1/models/{key}"] = Roles(Everyone),
        ["POST /api/v1/models"] = Roles(A, M, E),
        ["PUT /api/v1/models/{key}"] = ModelWrite(A, M, E),
        ["POST /api/v1/models/{key}/retire"] = ModelWrite(A, M),
        ["PUT /api/v1/models/{key}/classification"] = Roles(A, C),
        ["GET /api/v1/models/{key}/versions"] = Roles(Everyone),
        ["GET /api/v1/models/{key}/versions/compare"] = Roles(Everyone),
        ["GET /api/v1/models/{key}/versions/{label}"] = Roles(Everyone),
        ["POST /api/v1/models/{key}/versions"] = ModelWrite(A, M, E),
        ["PUT /api/v1/models/{key}/versions/{label}/stage"] = Roles(A) with { Body = """{"stage":"Staging","revision":1}""" },
        ["GET /api/v1/models/{key}/versions/{label}/approval"] = Roles(Everyone),
        ["GET /api/v1/models/{key}/fairness-evaluations"] = Roles(Everyone),
        ["GET /api/v1/models/{key}/versions/{label}/fairness-evaluations"] = Roles(Everyone),
        ["GET /api/v1/models/{key}/versions/{label}/fairness-evaluations/{id:int}"] = Roles(Everyone),
        ["POST /api/v1/models/{key}/versions/{label}/fairness-evaluations"] = ModelWrite(A, M, E) with { Body = "score,label\n", ContentType = "text/csv" },
        ["POST /api/v1/models/{key}/versions/{label}/fairness-evaluations/imported"] = ModelWrite(A, M, E),
        // Attesting imported figures is a ComplianceReviewer's, as a person: every token is refused.
        ["POST /api/v1/models/{key}/versions/{label}/fairness-evaluations/{id:int}/attestation"] = Roles() with { Body = """{"reason":"matrix"}""" },
        ["GET /api/v1/models/{key}/documents"] = Roles(Everyone),
        // Authorized before the body is read; an allowed caller's empty multipart body is then refused as malformed (400).
        ["POST /api/v1/models/{key}/documents"] = ModelWrite(A, M, E) with { Body = "", ContentType = "multipart/form-data" },
        ["GET /api/v1/models/{key}/documents/{id:guid}"] = Roles(Everyone),
        ["PUT /api/v1/models/{key}/documents/{id:guid}"] = ModelWrite(A, M, E) with { Body = """{"title":"matrix","kind":"Other","revision":1}""" },
        ["POST /api/v1/models/{key}/documents/{id:guid}/withdraw"] = ModelWrite(A, M, E) with { Body = """{"reason":"matrix"}""" },
        ["GET /api/v1/models/{key}/documents/{id:guid}/content"] = Roles(Everyone),
        ["GET /api/v1/fairness/policies"] = Roles(Everyone),
        ["GET /api/v1/fairness/policies/{tier}"] = Roles(Everyone),
        ["PUT /api/v1/fairness/policies/{tier}"] = Roles(A, C),
        ["GET /api/v1/models/{key}/card"] = Roles(Everyone),
        ["GET /api/v1/models/{key}/card/revisions"] = Roles(Everyone),
        ["GET /api/v1/models/{key}/card/compare"] = Roles(Everyone),
        ["PUT /api/v1/models/{key}/card/sections/{section}"] = ModelWrite(A, M, E) with { Body = """{"revision":0,"markdown":"matrix","changeSummary":"matrix"}""" },
        // Card reviews are a Compliance reviewer's, as a person: every token is refused.
        ["POST /api/v1/models/{key}/card/reviews"] = Roles() with { Body = """{"revision":1,"note":"matrix"}""" },
        ["GET /api/v1/models/{key}/card/export.md"] = Roles(Everyone),
        // Saving an import is a card write; the body asks for one (no preview), so the writer's scope is checked.
        ["POST /api/v1/models/{key}/card/import"] = ModelWrite(A, M, E) with { Body = """{"readme":"## Factors\n\nAge.","revision":0,"changeSummary":"matrix"}""" },
        ["GET /api/v1/card-templates"] = Roles(Everyone),
        ["GET /api/v1/card-templates/{tier}"] = Roles(Everyone),
        ["PUT /api/v1/card-templates/{tier}"] = Roles(A, C),
        ["GET /api/v1/models/{key}/outputs"] = Roles(Everyone),
        ["POST /api/v1/models/{key}/outputs"] = ModelWrite(A, M, E),
        // Every reader may ask; the output policy and grants decide each read (OutputAccessAbuseCaseTests, OutputAuthorizerTests).
        ["GET /api/v1/outputs/{id:int}"] = Roles(Everyone),
        ["GET /api/v1/outputs/{id:int}/data"] = Roles(Everyone),
        ["GET /api/v1/outputs/{id:int}/rows"] = Roles(Everyone),
        // Also the model's primary owner unless Compliance reviewer or Admin, and people only (OutputAccessAbuseCaseTests).
        ["GET /api/v1/outputs/{id:int}/grants"] = Roles(A, M, C, E),
        ["POST /api/v1/outputs/{id:int}/grants"] = Roles(A, M, C, E),
        ["POST /api/v1/outputs/{id:int}/grants/{grantId:int}/revoke"] = Roles(A, M, C, E),
        ["GET /api/v1/outputs/policy"] = Roles(Everyone),
        ["PUT /api/v1/outputs/policy"] = Roles(A),
        ["POST /api/v1/outputs/tags"] = Roles(A),
        ["GET /api/v1/models/{key}/owners"] = Roles(Everyone),
        // A Manager assigns owners only of the teams they manage; a token is a member of its teams, never their manager.
        ["POST /api/v1/models/{key}/owners"] = ModelWrite(A) with { Body = """{"ownerSubject":"nobody","role":"Backup","reason":"matrix"}""" },
        ["POST /api/v1/models/{key}/owners/{subject}/end"] = ModelWrite(A),
        ["POST /api/v1/models/{key}/owners/acknowledge"] = Roles(Everyone),
        ["GET /api/v1/ownership/mine"] = Roles(Everyone),
        ["GET /api/v1/ownership/unacknowledged"] = Roles(A, M),
        ["POST /api/v1/ownership/reassign"] = Roles(A, M),
        ["GET /api/v1/teams"] = Roles(Everyone),
        ["GET /api/v1/teams/{name}"] = Roles(Everyone),
        ["POST /api/v1/teams"] = Roles(A),
        ["PUT /api/v1/teams/{name}/members/{subject}"] = Roles(A) with { Body = """{"isManager":false,"revision":1}""" },
        ["POST /api/v1/teams/{name}/members/{subject}/remove"] = Roles(A) with { Body = """{"revision":1}""" },
        // Checked by role here; the model scope of a release request is in ModelScopeAbuseCaseTests (it needs a full body).
        ["POST /api/v1/releases"] = Roles(A, M, E),
        ["GET /api/v1/releases"] = Roles(Everyone),
        ["GET /api/v1/releases/{id:int}"] = Roles(Everyone),
        ["POST /api/v1/releases/{id:int}/withdraw"] = Roles(A, M, E),
        // Exceptions, like signatures, are recorded by people after re-authenticating: every token is refused.
        ["POST /api/v1/releases/{id:int}/exceptions"] = Roles() with { Body = """{"gate":"fairness","justification":"matrix","expiresAt":"2099-01-01T00:00:00Z"}""" },
        // Tokens never sign: signatures are made by people on the request page after re-authenticating.
        ["POST /api/v1/releases/{id:int}/signatures"] = Roles() with { Body = """{"meaning":"Approved","reason":"matrix"}""" },
        ["GET /api/v1/releases/production-approvals"] = Roles(Everyone),
        ["GET /api/v1/approval-policies"] = Roles(Everyone),
        ["PUT /api/v1/approval-policies/{tier}"] = Roles(A) with
        {
            Body = """{"requiredSignOffs":1,"requireAllGates":true,"requireReviewerOutsideTeam":false,"revalidationMonths":12,"revision":1}""",
        },
        // Access requests are asked and decided by people: every token is refused; listing one's own is open to all.
        ["POST /api/v1/outputs/{id:int}/access-requests"] = Roles(),
        ["GET /api/v1/access-requests"] = Roles(Everyone),
        ["POST /api/v1/access-requests/{id:int}/decision"] = Roles(),
        ["GET /api/v1/models/{key}/findings"] = Roles(Everyone),
        // Raised by reviewers and Admins; a reviewer's token only on the models of the teams it is scoped to.
        ["POST /api/v1/models/{key}/findings"] = ModelWrite(A, C),
        ["GET /api/v1/findings"] = Roles(Everyone),
        ["GET /api/v1/findings/{id:guid}"] = Roles(Everyone),
        // The role is checked first; only the finding's remediation owner then remediates (FindingAbuseCaseTests).
        ["POST /api/v1/findings/{id:guid}/remediate"] = Roles(A, M, E) with { Body = """{"note":"matrix"}""" },
        ["POST /api/v1/findings/{id:guid}/close"] = Roles(C) with { Body = """{"note":"matrix"}""" },
        ["POST /api/v1/findings/{id:guid}/reopen"] = Roles(C) with { Body = """{"reason":"matrix"}""" },
        // The role is checked first; who among them may hand it on is the service's (FindingReassignTests).
        ["POST /api/v1/findings/{id:guid}/reassign"] = Roles(A, M, C) with { Body = """{"remediationOwner":"matrix","revision":1}""" },
        // Webhooks send the portal's events outside it: an Admin as a person only, so every token is refused; the event types are public words.
        ["GET /api/v1/webhooks/event-types"] = Roles(Everyone),
        ["GET /api/v1/webhooks/subscriptions"] = Roles(),
        ["POST /api/v1/webhooks/subscriptions"] = Roles(),
        ["PUT /api/v1/webhooks/subscriptions/{id:int}/state"] = Roles(),
        ["POST /api/v1/webhooks/subscriptions/{id:int}/secret"] = Roles(),
        ["GET /api/v1/webhooks/subscriptions/{id:int}/deliveries"] = Roles(),
        ["POST /api/v1/webhooks/deliveries/{id:long}/redeliver"] = Roles(),
        // Asked by Auditors and reviewers; answered by the item's assignee, decided by its requester (AuditRequestAbuseCaseTests).
        ["POST /api/v1/audit-requests"] = Roles(Au, C),
        ["GET /api/v1/audit-requests"] = Roles(Everyone),
        ["GET /api/v1/audit-requests/evidence-kinds"] = Roles(Everyone),
        ["GET /api/v1/audit-requests/{id:guid}"] = Roles(Everyone),
        ["POST /api/v1/audit-requests/{id:guid}/items/{number:int}/answer"] = Roles(A, M, E) with { Body = """{"text":"matrix"}""" },
        ["POST /api/v1/audit-requests/{id:guid}/items/{number:int}/accept"] = Roles(Au, C),
        ["POST /api/v1/audit-requests/{id:guid}/items/{number:int}/return"] = Roles(Au, C) with { Body = """{"comment":"matrix"}""" },
        ["POST /api/v1/audit-requests/{id:guid}/items/{number:int}/reassign"] = Roles(A, M) with { Body = """{"assignee":"matrix"}""" },
        // Every role may read a package of a model it may read; a token only within the teams it is scoped to, unless Admin.
        ["GET /api/v1/models/{key}/evidence-package"] = ModelWrite(Everyone),
        ["GET /api/v1/evidence/signing-key"] = Roles(Everyone),
        ["GET /api/v1/notifications/mine"] = Roles(Everyone),
        ["POST /api/v1/notifications/{id:long}/read"] = Roles(Everyone),
        ["POST /api/v1/notifications/read-all"] = Roles(Everyone),
        ["GET /api/v1/flags"] = Roles(Everyone),
        ["POST /api/v1/flags/{id:int}/acknowledge"] = Roles(A, M, C, E),
        ["POST /api/v1/flags/{id:int}/snooze"] = Roles(A, M, C, E),
        ["GET /api/v1/flags/rules"] = Roles(Everyone),
        ["PUT /api/v1/flags/rules/{rule}"] = Roles(A),
        ["POST /api/v1/flags/scan"] = Roles(A),
        ["GET /api/v1/audit/events"] = Roles(A, Au, C),
        ["GET /api/v1/audit/events.csv"] = Roles(A, Au, C),
        ["GET /api/v1/audit/verify"] = Roles(A, Au),
        ["GET /api/v1/audit/digest"] = Roles(A, Au),
        ["GET /scim/v2/Users"] = Roles(A),
        ["GET /scim/v2/Users/{id}"] = Roles(A),
        ["POST /scim/v2/Users"] = Roles(A),
        ["PUT /scim/v2/Users/{id}"] = Roles(A),
        ["PATCH /scim/v2/Users/{id}"] = Roles(A),
        ["DELETE /scim/v2/Users/{id}"] = Roles(A),
        // SCIM's discovery documents are for any authenticated caller; the Users resource is an Admin's.
        ["GET /scim/v2/ServiceProviderConfig"] = Roles(Everyone),
        ["GET /scim/v2/ResourceTypes"] = Roles(Everyone),
        ["GET /scim/v2/ResourceTypes/User"] = Roles(Everyone),
        ["GET /scim/v2/Schemas"] = Roles(Everyone),
        ["GET /scim/v2/Schemas/{id}"] = Roles(Everyone),
    };

    private IReadOnlyList<string> MappedEndpoints() =>
    [
        .. portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Path: "/" + (e.RoutePattern.RawText ?? "").Trim('/'), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(e => e.Path.StartsWith("/api/v1/", StringComparison.Ordinal) || e.Path.StartsWith("/scim/v2/", StringComparison.Ordinal))
            .SelectMany(e => e.Methods.Select(method => $"{method} {e.Path}"))
            .Distinct(),
    ];

    [Fact]
    public void Every_mapped_endpoint_has_a_row_and_every_row_an_endpoint()
    {
        var mapped = MappedEndpoints();

        Assert.Empty(mapped.Except(Matrix.Keys));
        Assert.Empty(Matrix.Keys.Except(mapped));
    }

    [Fact]
    public async Task Each_caller_gets_the_outcome_its_row_states()
    {
        var inTeam = await ModelAsync("Credit Risk");
        var outside = await ModelAsync(PortalFactory.OutsideTeam);
        var deactivated = await DeactivatedPersonAsync();
        var failures = new List<string>();
        foreach (var (endpoint, row) in Matrix)
        {
            await CheckAsync(endpoint, row, Deactivated, inTeam, "401", failures, deactivated);
            foreach (var caller in Everyone.Prepend(null))
            {
                var expected = caller is null ? "401" : row.Allowed.Contains(caller) ? "allowed" : "403";
                await CheckAsync(endpoint, row, caller, inTeam, expected, failures);
                if (row.InTeam && caller is not null)
                {
                    await CheckAsync(endpoint, row, caller, outside, caller == A ? "allowed" : "403", failures);
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private async Task CheckAsync(string endpoint, Row row, string? caller, string key, string expected, List<string> failures,
        HttpClient? client = null)
    {
        var (method, path) = (endpoint.Split(' ')[0], Fill(endpoint.Split(' ')[1], key));
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent(row.Body, Encoding.UTF8, path.StartsWith("/scim/", StringComparison.Ordinal) ? "application/scim+json" : row.ContentType);
        }
        var response = await (client ?? portal.ClientAs(caller)).SendAsync(request);
        var actual = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "401",
            HttpStatusCode.Redirect when response.Headers.Location?.OriginalString.StartsWith("/account/login", StringComparison.Ordinal) == true => "401",
            HttpStatusCode.Forbidden => "403",
            _ => "allowed",
        };
        if (actual != expected)
        {
            failures.Add($"{endpoint} as {caller ?? "anonymous"} on {key}: expected {expected}, got {(int)response.StatusCode}");
        }
    }

    /// <summary>A browser signed in as an Engineer (development sign-in) whom an Admin then deactivated.</summary>
    private async Task<HttpClient> DeactivatedPersonAsync()
    {
        var client = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = AntiforgeryField().Match(await client.GetStringAsync("/account/login")).Groups[1].Value;
        var signedIn = await client.PostAsync("/account/dev-signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["subject"] = "demo-eric",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var admin = new Actor("matrix-admin", "Matrix Admin", new HashSet<string> { A });
        var users = portal.Services.GetRequiredService<Portal.Web.Features.Admin.UserAdminService>();
        var eric = (await users.ListAsync(admin)).Single(u => u.Subject == "demo-eric");
        await users.SetActiveAsync(admin, "demo-eric", active: false, eric.Revision);
        return client;
    }

    [System.Text.RegularExpressions.GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex AntiforgeryField();

    private static string Fill(string pattern, string key) => pattern
        .Replace("{key}", key, StringComparison.Ordinal).Replace("{label}", "1.0.0", StringComparison.Ordinal)
        .Replace("{id:int}", "999999", StringComparison.Ordinal).Replace("{grantId:int}", "999999", StringComparison.Ordinal).Replace("{id:long}", "999999", StringComparison.Ordinal)
        .Replace("{id:guid}", "00000000-0000-0000-0000-000000000001", StringComparison.Ordinal).Replace("{number:int}", "1", StringComparison.Ordinal)
        .Replace("{id}", "no-such-user", StringComparison.Ordinal).Replace("{tier}", "High", StringComparison.Ordinal)
        .Replace("{name}", "Credit%20Risk", StringComparison.Ordinal).Replace("{subject}", "nobody", StringComparison.Ordinal)
        .Replace("{rule}", "orphaned", StringComparison.Ordinal)
        .Replace("{section}", "factors", StringComparison.Ordinal);

    private async Task<string> ModelAsync(string team)
    {
        var key = $"mx-{Guid.NewGuid():N}"[..20];
        var admin = portal.ClientAs(A);
        (await admin.PostJsonAsync("/api/v1/models", new { key, name = $"Model {key}", team, riskTier = "Medium" })).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync($"/api/v1/models/{key}/versions", Versions.VersionRequests.NewVersion("1.0.0"))).EnsureSuccessStatusCode();
        return key;
    }
}
