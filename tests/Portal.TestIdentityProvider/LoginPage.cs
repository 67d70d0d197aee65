using System.Text;
using static System.Net.WebUtility;

namespace Portal.TestIdentityProvider;

/// <summary>
/// Plain server-rendered HTML: no Razor, scripts or styles to load, so the page is fast and stable for Playwright.
/// The ids and names (username, password, login) are the contract browser tests fill in.
/// </summary>
internal static class LoginPage
{
    public static string Render(string action, string returnUrl, string antiforgeryField, string antiforgeryToken, string? userName, string? error, IEnumerable<string> knownUsers)
    {
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Sign in - Test identity provider</title>
            <style>body{"{"}font-family:sans-serif;max-width:24rem;margin:3rem auto{"}"} label,input,button{"{"}display:block;margin:.3rem 0{"}"} .error{"{"}color:#b00020{"}"}</style>
            </head>
            <body>
            <main>
            <h1>Sign in</h1>
            <p>Test identity provider - for tests and local development only.</p>
            """);
        if (error is not null)
        {
            html.Append($"""<p id="error" class="error" role="alert">{HtmlEncode(error)}</p>""").AppendLine();
        }

        html.Append($"""
            <form method="post" action="{HtmlEncode(action)}">
            <input type="hidden" name="{HtmlEncode(antiforgeryField)}" value="{HtmlEncode(antiforgeryToken)}">
            <input type="hidden" name="returnUrl" value="{HtmlEncode(returnUrl)}">
            <label for="username">User name</label>
            <input id="username" name="username" autocomplete="username" required autofocus value="{HtmlEncode(userName ?? string.Empty)}">
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required>
            <button id="login" type="submit">Sign in</button>
            </form>
            <p>Known users: {HtmlEncode(string.Join(", ", knownUsers))}</p>
            </main>
            </body>
            </html>
            """);
        return html.ToString();
    }

    public static string Message(string title, string text) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{HtmlEncode(title)}</title></head>
        <body><main><h1>{HtmlEncode(title)}</h1><p id="message">{HtmlEncode(text)}</p></main></body></html>
        """;
}
