using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Portal.Domain.Audit;
using Portal.Web.Features.Shared;

namespace Portal.Web.Auth;

/// <summary>Audits every request the authorization middleware forbids, then answers as the framework would.</summary>
public sealed class AuditingAuthorizationResultHandler(AuditRecorder audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler inner = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            var actor = context.User.ToActor();
            var missing = policy.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>()
                .SelectMany(r => r.AllowedRoles).Distinct();
            await audit.RecordAsync(actor, AuditActions.AccessDenied, "Endpoint", $"{context.Request.Method} {context.Request.Path}",
                new { reason = $"needs one of the roles {string.Join(", ", missing)}" }, cancellationToken: context.RequestAborted);
        }
        await inner.HandleAsync(next, context, policy, authorizeResult);
    }
}
