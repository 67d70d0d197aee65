using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Auth;

/// <summary>Sessions end on the server: a copied cookie dies with sign-out, sign-out needs antiforgery, sessions have an absolute lifetime.</summary>
public sealed class SessionAbuseCaseTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_copied_cookie_is_dead_once_its_owner_signs_out()
    {
        var browser = DevelopmentBrowser.Open(portal);
        var copied = DevelopmentBrowser.SessionCookie(await browser.SignInAsync("demo-mona"));
        var thief = DevelopmentBrowser.Open(portal, handleCookies: false);
        thief.Http.DefaultRequestHeaders.Add("Cookie", copied);
        Assert.True(await thief.IsSignedInAsync());

        var signedOut = await browser.SignOutAsync(await browser.AntiforgeryTokenAsync());
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/account/login?signedOut=true", signedOut.Headers.Location?.OriginalString);

        Assert.False(await thief.IsSignedInAsync());
        Assert.False(await browser.IsSignedInAsync());
    }

    [Fact]
    public async Task A_cookie_copied_before_a_re_authentication_is_dead_too_once_its_owner_signs_out()
    {
        var browser = DevelopmentBrowser.Open(portal);
        var copied = DevelopmentBrowser.SessionCookie(await browser.SignInAsync("demo-rita"));
        await browser.SignInAsync("demo-rita"); // the development sign-in's re-authentication
        var thief = DevelopmentBrowser.Open(portal, handleCookies: false);
        thief.Http.DefaultRequestHeaders.Add("Cookie", copied);
        Assert.True(await thief.IsSignedInAsync());

        await browser.SignOutAsync(await browser.AntiforgeryTokenAsync());

        Assert.False(await thief.IsSignedInAsync());
    }

    [Fact]
    public async Task Signing_out_without_the_antiforgery_token_or_by_GET_is_refused_and_the_session_lives_on()
    {
        var browser = DevelopmentBrowser.Open(portal);
        await browser.SignInAsync("demo-audrey");
        var anotherBrowsersToken = await DevelopmentBrowser.Open(portal).AntiforgeryTokenAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.SignOutAsync(null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.SignOutAsync(anotherBrowsersToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Http.GetAsync("/account/logout")).StatusCode);

        Assert.True(await browser.IsSignedInAsync());
    }

    [Fact]
    public async Task A_session_ends_at_its_absolute_lifetime_however_active_its_person_is()
    {
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        using var host = portal.WithWebHostBuilder(b => b
            .UseSetting("Auth:Session:AbsoluteLifetime", "01:00:00")
            .ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));
        var browser = DevelopmentBrowser.Open(host);
        await browser.SignInAsync("demo-alice");

        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.True(await browser.IsSignedInAsync());

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.False(await browser.IsSignedInAsync());
    }
}

/// <summary>A clock the test moves; everything else in the portal reads the same one.</summary>
internal sealed class MovableClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
