using System.Globalization;
using System.Text.Json;
using Portal.Web.Features.Shared;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.IntegrationTests.Audits;

/// <summary>An answer can cite what the portal said about the model at a moment; the answer is frozen with the link.</summary>
public sealed class PointInTimeEvidenceTests : IDisposable
{
    private readonly AuditPortal arrange = new();

    [Fact]
    public async Task An_owner_links_the_models_point_in_time_answer_and_the_link_keeps_it_as_it_was()
    {
        var key = await arrange.ModelAsync();
        var request = await arrange.OpenAsync(key);
        arrange.Portal.Clock.Advance(TimeSpan.FromMinutes(5));
        var moment = arrange.Portal.Now.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

        var answered = await arrange.AnswerAsync(request, key, new EvidenceRequest("point-in-time", moment));

        var link = Assert.Single(Assert.Single(answered.Answers).Evidence);
        Assert.Equal(("point-in-time", moment), (link.Snapshot.Kind, link.Snapshot.Reference));
        var content = JsonDocument.Parse(link.Snapshot.ContentJson).RootElement;
        Assert.Equal(key, content.GetProperty("key").GetString());
        Assert.Contains("tab=as-of", link.Snapshot.Link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moment_in_the_future_is_refused_and_nothing_is_answered()
    {
        var key = await arrange.ModelAsync();
        var request = await arrange.OpenAsync(key);
        var future = arrange.Portal.Now.AddDays(1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

        await Assert.ThrowsAsync<InputRejectedException>(() => arrange.AnswerAsync(request, key, new EvidenceRequest("point-in-time", future)));

        Assert.Equal(0, await arrange.CountAuditAsync("Evidence.Linked", key));
    }

    public void Dispose() => arrange.Dispose();
}
