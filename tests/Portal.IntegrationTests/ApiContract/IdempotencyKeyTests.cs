using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.PointInTime;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.ApiContract;

namespace Portal.IntegrationTests.ApiContract;

public sealed class IdempotencyKeyTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly HttpClient engineer = portal.ClientAs(PortalRoles.Engineer);

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_gets_the_first_answer_and_writes_once()
    {
        var key = NewKey();
        var first = await PostModelAsync(engineer, "idem-replay", key);
        var retry = await PostModelAsync(engineer, "idem-replay", key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal("application/json", retry.Content.Headers.ContentType?.MediaType);
        Assert.False(first.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues(IdempotencyMiddleware.ReplayedHeader)));
        Assert.Equal(1, await CountModelsAsync("idem-replay"));
        Assert.Equal(1, await CountAuditEventsAsync("idem-replay"));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_with_422_and_writes_nothing()
    {
        var key = NewKey();
        Assert.Equal(HttpStatusCode.Created, (await PostModelAsync(engineer, "idem-first-body", key)).StatusCode);

        var reused = await PostModelAsync(engineer, "idem-second-body", key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("application/problem+json", reused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("different method, path or body", (await reused.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountModelsAsync("idem-second-body"));
    }

    [Fact]
    public async Task Two_concurrent_requests_with_one_key_write_once()
    {
        var key = NewKey();
        var answers = await Task.WhenAll(PostModelAsync(engineer, "idem-concurrent", key), PostModelAsync(engineer, "idem-concurrent", key));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created && !a.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        var other = Assert.Single(answers, a => a.StatusCode != HttpStatusCode.Created || a.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        Assert.True(other.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"The second answer was {other.StatusCode}.");
        Assert.Equal(1, await CountModelsAsync("idem-concurrent"));
    }

    [Fact]
    public async Task While_the_first_request_runs_its_key_is_held_and_a_second_claim_is_told_so()
    {
        var store = portal.Services.GetRequiredService<IdempotencyStore>();
        var key = NewKey();

        var first = await store.ClaimAsync("token:pipeline", key, "hash-a", CancellationToken.None);
        var whileRunning = await store.ClaimAsync("token:pipeline", key, "hash-a", CancellationToken.None);
        var otherRequest = await store.ClaimAsync("token:pipeline", key, "hash-b", CancellationToken.None);
        await store.CompleteAsync(((IdempotencyClaim.Claimed)first).RecordId, 201, "application/json", "/api/v1/x", "{}"u8.ToArray(), CancellationToken.None);
        var afterwards = await store.ClaimAsync("token:pipeline", key, "hash-a", CancellationToken.None);

        Assert.IsType<IdempotencyClaim.Claimed>(first);
        Assert.IsType<IdempotencyClaim.InProgress>(whileRunning);
        Assert.IsType<IdempotencyClaim.Mismatch>(otherRequest);
        Assert.Equal(201, Assert.IsType<IdempotencyClaim.Replay>(afterwards).Record.StatusCode);
    }

    [Fact]
    public async Task A_request_still_running_answers_a_retry_with_409_in_progress()
    {
        var key = NewKey();
        var body = HttpJson.NewModel("idem-in-progress");
        var fingerprint = await FingerprintAsync("/api/v1/models", body);
        await portal.Services.GetRequiredService<IdempotencyStore>().ClaimAsync(SubjectOf(PortalRoles.Engineer), key, fingerprint, CancellationToken.None);

        var retry = await PostModelAsync(engineer, "idem-in-progress", key);

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Contains("still running", (await retry.ReadJsonAsync()).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountModelsAsync("idem-in-progress"));
    }

    [Fact]
    public async Task Another_caller_reusing_someones_key_does_not_get_their_answer()
    {
        var key = NewKey();
        var mine = await PostModelAsync(engineer, "idem-owner", key);
        var manager = portal.ClientAs(PortalRoles.Manager);

        var sameBody = await PostModelAsync(manager, "idem-owner", key);
        var otherBody = await PostModelAsync(manager, "idem-intruder", key);

        Assert.Equal(HttpStatusCode.Created, mine.StatusCode);
        // The manager's request runs as their own: the model exists, so theirs is refused, not answered with the engineer's 201.
        Assert.True(sameBody.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"The manager got {sameBody.StatusCode}.");
        Assert.Equal(1, await CountModelsAsync("idem-owner"));
        Assert.False(sameBody.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        Assert.Equal(HttpStatusCode.Created, otherBody.StatusCode);
        Assert.Equal("/api/v1/models/idem-intruder", otherBody.Headers.Location?.OriginalString);
        Assert.False(otherBody.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
    }

    [Fact]
    public async Task A_refused_request_frees_its_key_for_the_corrected_retry()
    {
        var key = NewKey();
        var refused = await engineer.SendAsync(WithKey(HttpMethod.Post, "/api/v1/models", new { key = "idem-fixed", name = "", team = "Credit Risk" }, key));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var corrected = await PostModelAsync(engineer, "idem-fixed", key);

        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
        Assert.Equal(1, await CountModelsAsync("idem-fixed"));
    }

    public static TheoryData<string> UnusableKeys => [new string('k', 256), "bell\u0007", "tab\tkey", "caf\u00e9"];

    [Theory]
    [MemberData(nameof(UnusableKeys))]
    public async Task An_unusable_key_is_refused_with_400_and_writes_nothing(string key)
    {
        var modelKey = $"idem-bad-{Guid.NewGuid():N}"[..24];
        var response = await PostModelAsync(engineer, modelKey, key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountModelsAsync(modelKey));
    }

    [Fact]
    public async Task Two_key_headers_are_refused()
    {
        var request = WithKey(HttpMethod.Post, "/api/v1/models", HttpJson.NewModel("idem-two-headers"), NewKey());
        request.Headers.TryAddWithoutValidation("Idempotency-Key", NewKey());

        var response = await engineer.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await CountModelsAsync("idem-two-headers"));
    }

    [Fact]
    public async Task Expired_records_are_deleted_by_the_cleanup()
    {
        var store = portal.Services.GetRequiredService<IdempotencyStore>();
        var key = NewKey();
        var contexts = portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await store.ClaimAsync("token:cleanup", key, "hash", CancellationToken.None);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await db.IdempotencyRecords.Where(r => r.Key == key)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
        }

        Assert.True(await store.DeleteExpiredAsync(CancellationToken.None) >= 1);

        await using var check = await contexts.CreateDbContextAsync();
        Assert.False(await check.IdempotencyRecords.AnyAsync(r => r.Key == key));
    }

    private static string NewKey() => Guid.NewGuid().ToString();

    private static string SubjectOf(string role) => $"{ReservedSubjects.ServicePrefix}test-{role.ToLowerInvariant()}";

    private static HttpRequestMessage WithKey(HttpMethod method, string url, object body, string key)
    {
        var request = new HttpRequestMessage(method, url) { Content = System.Net.Http.Json.JsonContent.Create(body, options: HttpJson.Options) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return request;
    }

    private static Task<HttpResponseMessage> PostModelAsync(HttpClient client, string modelKey, string idempotencyKey) =>
        client.SendAsync(WithKey(HttpMethod.Post, "/api/v1/models", HttpJson.NewModel(modelKey), idempotencyKey));

    private static async Task<string> FingerprintAsync(string path, object body)
    {
        var bytes = await System.Net.Http.Json.JsonContent.Create(body, options: HttpJson.Options).ReadAsByteArrayAsync();
        return await Portal.Domain.ApiContract.IdempotencyKey.FingerprintAsync("POST", path, new MemoryStream(bytes), CancellationToken.None);
    }

    private async Task<int> CountModelsAsync(string key)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Models.CountAsync(m => m.Key == key);
    }

    private async Task<int> CountAuditEventsAsync(string key)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.CountAsync(e => e.Action == TrailEvent.ModelRegistered && e.ModelKey == key);
    }
}
