namespace Portal.Web.Infrastructure;

/// <summary>
/// Security headers on every response. The policy is one Blazor Server and MudBlazor work under:
/// scripts only from the portal, inline styles (MudBlazor sets them), the circuit's WebSocket.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UsePortalSecurityHeaders(this IApplicationBuilder app, string? identityProvider) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            var formTargets = identityProvider is null ? "'self'" : $"'self' {Origin(identityProvider)}";
            // The API reference page ships its own inline bootstrap script.
            var scripts = context.Request.Path.StartsWithSegments("/scalar") ? "'self' 'unsafe-inline'" : "'self'";
            headers.ContentSecurityPolicy =
                $"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
                $"connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action {formTargets}";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            await next();
        });

    private static string Origin(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : "'self'";
}
