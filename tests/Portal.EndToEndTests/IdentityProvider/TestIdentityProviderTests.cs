using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.TestIdentityProvider;

namespace Portal.EndToEndTests.IdentityProvider;

/// <summary>HTTP-level checks of the test identity provider the end-to-end tests sign in through.</summary>
public sealed class TestIdentityProviderTests(TestIdentityProviderTests.ProviderFixture fixture)
    : IClassFixture<TestIdentityProviderTests.ProviderFixture>
{
    // No app listens here: the tests only read the code from the redirect's Location header.
    private const string RedirectUri = "http://127.0.0.1:59999/signin-oidc";

    private TestIdentityProviderHost Host => fixture.Host;

    [Fact]
    public async Task Discovery_ListsEndpointsCodeFlowAndS256()
    {
        using var client = Host.CreateClient();

        using var discovery = await GetJsonAsync(client, ".well-known/openid-configuration");
        var root = discovery.RootElement;

        Assert.Equal(Host.Issuer, root.GetProperty("issuer").GetString());
        Assert.NotEqual(0, new Uri(Host.Issuer).Port);
        Assert.Equal(Host.Issuer + "connect/authorize", root.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(Host.Issuer + "connect/token", root.GetProperty("token_endpoint").GetString());
        Assert.Equal(Host.Issuer + "connect/userinfo", root.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal(Host.Issuer + "connect/logout", root.GetProperty("end_session_endpoint").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("jwks_uri").GetString()));
        Assert.Contains("code", Strings(root, "response_types_supported"));
        Assert.Equal(["S256"], Strings(root, "code_challenge_methods_supported"));
        Assert.Contains("portal-api", Strings(root, "scopes_supported"));
    }

    [Fact]
    public async Task ClientCredentials_ReturnJwtForPortalApiWithGroups()
    {
        using var client = Host.CreateClient();

        using var response = await client.PostAsync("connect/token", Form(
            ("grant_type", "client_credentials"), ("client_id", "ci-pipeline"), ("client_secret", "ci-secret")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var payload = JwtPayload(body.RootElement.GetProperty("access_token").GetString()!);
        Assert.Equal(Host.Issuer, payload.GetProperty("iss").GetString());
        Assert.Equal("portal-api", payload.GetProperty("aud").GetString());
        Assert.Equal("ci-pipeline", payload.GetProperty("sub").GetString());
        Assert.Equal(["portal-engineers"], Strings(payload, "groups"));
    }

    [Fact]
    public async Task ClientCredentials_WithWrongSecret_AreRefused()
    {
        using var client = Host.CreateClient();

        using var response = await client.PostAsync("connect/token", Form(
            ("grant_type", "client_credentials"), ("client_id", "ci-pipeline"), ("client_secret", "not-the-secret")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_client", body.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task CodeFlow_IssuesIdTokenWithAuthTimeAndNonce_AndPromptLoginShowsTheFormAgain()
    {
        using var client = Host.CreateClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });

        var (location, verifier) = await AuthorizeAsync(client, nonce: "n-1");
        Assert.Contains("/account/login", location.AbsolutePath);
        var code = CodeFrom(await LogInAsync(client, location, "alice", "alice"));
        using var tokens = await RedeemAsync(client, code, verifier);

        var idToken = JwtPayload(tokens.RootElement.GetProperty("id_token").GetString()!);
        Assert.Equal("idp-alice", idToken.GetProperty("sub").GetString());
        Assert.Equal("n-1", idToken.GetProperty("nonce").GetString());
        Assert.Equal(["portal-admins"], Strings(idToken, "groups"));
        var authTime = idToken.GetProperty("auth_time").GetInt64();
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - authTime, 0, 60);

        // The IdP session is live, yet prompt=login must show the login form again.
        var (again, _) = await AuthorizeAsync(client, nonce: "n-2", ("prompt", "login"));
        Assert.Contains("/account/login", again.AbsolutePath);
        Assert.Contains("id=\"username\"", await client.GetStringAsync(again));
    }

    private async Task<(Uri Location, string Verifier)> AuthorizeAsync(HttpClient client, string nonce, params (string Name, string Value)[] extra)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var query = new[]
        {
            ("client_id", "e2e-portal"), ("redirect_uri", RedirectUri), ("response_type", "code"),
            ("scope", "openid profile email portal-api"), ("state", "state-1"), ("nonce", nonce),
            ("code_challenge", Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))), ("code_challenge_method", "S256"),
        }.Concat(extra);
        using var response = await client.GetAsync("connect/authorize?" + string.Join('&', query.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}")));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (new Uri(client.BaseAddress!, response.Headers.Location!), verifier);
    }

    /// <summary>Posts the login form like a browser would, then follows the IdP-local redirect back to /connect/authorize.</summary>
    private static async Task<Uri> LogInAsync(HttpClient client, Uri loginPage, string userName, string password)
    {
        var html = await client.GetStringAsync(loginPage);
        string Hidden(string name) => WebUtility.HtmlDecode(Regex.Match(html, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value);

        using var login = await client.PostAsync("account/login", Form(
            ("__RequestVerificationToken", Hidden("__RequestVerificationToken")), ("returnUrl", Hidden("returnUrl")),
            ("username", userName), ("password", password)));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        using var authorize = await client.GetAsync(login.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        return authorize.Headers.Location!;
    }

    private static async Task<JsonDocument> RedeemAsync(HttpClient client, string code, string verifier)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "connect/token")
        {
            Content = Form(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", RedirectUri), ("code_verifier", verifier)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("e2e-portal:e2e-secret")));
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body);
    }

    private static string CodeFrom(Uri redirect)
    {
        Assert.StartsWith(RedirectUri, redirect.AbsoluteUri, StringComparison.Ordinal);
        var parameters = redirect.Query.TrimStart('?').Split('&').Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => Uri.UnescapeDataString(pair[1]));
        Assert.Equal("state-1", parameters["state"]);
        return parameters["code"];
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(field => KeyValuePair.Create(field.Name, field.Value)));

    private static JsonElement JwtPayload(string jwt)
    {
        var segment = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var json = Convert.FromBase64String(segment.PadRight(segment.Length + ((4 - (segment.Length % 4)) % 4), '='));
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    // A claim with one value is a JSON string in a JWT, with several an array; accept both.
    private static string[] Strings(JsonElement element, string property) => element.GetProperty(property) switch
    {
        { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Select(item => item.GetString()!)],
        var single => [single.GetString()!],
    };

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>One provider on a free port for the whole class, with the default users and one extra test client.</summary>
    public sealed class ProviderFixture : IAsyncLifetime
    {
        private TestIdentityProviderHost? host;

        public TestIdentityProviderHost Host => host ?? throw new InvalidOperationException("The provider has not started.");

        public async Task InitializeAsync()
        {
            var configuration = IdentityConfiguration.LoadDefault().WithClient(new IdentityClient
            {
                ClientId = "e2e-portal",
                ClientSecret = "e2e-secret",
                RedirectUris = [RedirectUri],
                AllowCodeFlow = true,
            });
            host = await TestIdentityProviderHost.StartAsync("http://127.0.0.1:0", configuration);
        }

        public async Task DisposeAsync()
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }
    }
}
