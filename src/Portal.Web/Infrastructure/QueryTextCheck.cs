using Microsoft.AspNetCore.Mvc;
using Portal.Domain;
using Portal.Web.Features.Scim;

namespace Portal.Web.Infrastructure;

/// <summary>
/// Refuses a control character in any query parameter (name or value) of the API, SCIM and the inventory
/// export with a 400 problem detail naming the parameter, before any endpoint sees it: no search, filter
/// or key of the portal holds one, and some reach the database, where NUL fails the query.
/// </summary>
public static class QueryTextCheck
{
    public static IApplicationBuilder UseQueryTextCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (Checked(context.Request.Path) && FirstProblem(context.Request.Query) is { } refused)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ValidationProblemDetails(new Dictionary<string, string[]> { [refused.Name] = [refused.Message] })
                    {
                        Status = StatusCodes.Status400BadRequest,
                        Title = "The request has invalid fields; nothing was changed.",
                    },
                });
                return;
            }
            await next(context);
        });

    private static bool Checked(PathString path) =>
        ApiRateLimiting.IsLimited(path) || path.StartsWithSegments("/inventory", StringComparison.OrdinalIgnoreCase);

    private static (string Name, string Message)? FirstProblem(IQueryCollection query)
    {
        foreach (var (name, values) in query)
        {
            var shownName = QueryText.HasControlCharacter(name) ? Printable(name) : name;
            var problem = QueryText.Problem(shownName, name) ?? values.Select(v => QueryText.Problem(shownName, v)).FirstOrDefault(p => p is not null);
            if (problem is not null)
            {
                return (shownName, problem);
            }
        }
        return null;
    }

    /// <summary>A parameter name with its control characters shown as U+XXXX, so that the refusal can name it safely.</summary>
    private static string Printable(string name) =>
        string.Concat(name.Select(c => QueryText.HasControlCharacter(c.ToString()) ? $"U+{(int)c:X4}" : c.ToString()));
}
