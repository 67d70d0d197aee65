using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Fairness;

/// <summary>Issue 13, item 8: a predictions file cannot exhaust the portal, and a refused caller's upload is never read.</summary>
public sealed class FairnessUploadAbuseCaseTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly HttpClient engineer = portal.ClientAs(PortalRoles.Engineer);

    [Fact]
    public async Task A_sensitive_column_of_identifiers_is_refused_naming_the_column_and_stores_nothing()
    {
        await engineer.ModelWithVersionAsync("fair-groups", "1.0");
        var csv = new StringBuilder("label,prediction,customer_id\n");
        for (var i = 0; i < 5_000; i++)
        {
            csv.Append(i % 2).Append(',').Append(i % 3 == 0 ? 1 : 0).Append(",c").Append(i).Append('\n');
        }

        var response = await engineer.PostCsvAsync("fair-groups", "1.0", csv.ToString(), "labelColumn=label&predictionColumn=prediction&sensitive=customer_id");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        var message = problem.GetProperty("errors").GetProperty("file")[0].GetString()!;
        Assert.Contains("'customer_id'", message, StringComparison.Ordinal);
        Assert.Contains("1,000", message, StringComparison.Ordinal);
        // Stopped at the first value over the limit, not after reading the file.
        Assert.Contains("Row 1001:", message, StringComparison.Ordinal);
        var stored = await (await engineer.GetAsync("/api/v1/models/fair-groups/fairness-evaluations")).ReadJsonAsync();
        Assert.Equal(0, stored.GetArrayLength());
    }

    [Fact]
    public async Task Intersections_past_the_limit_are_refused_naming_the_columns()
    {
        await engineer.ModelWithVersionAsync("fair-intersections", "1.0");
        var csv = new StringBuilder("label,prediction,region,age\n");
        for (var i = 0; i < 1_200; i++)
        {
            csv.Append(i % 2).Append(",1,r").Append(i % 40).Append(",a").Append(i / 40).Append('\n');
        }

        var response = await engineer.PostCsvAsync("fair-intersections", "1.0", csv.ToString(),
            "labelColumn=label&predictionColumn=prediction&sensitive=region&sensitive=age");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.ReadJsonAsync()).GetProperty("errors").GetProperty("file")[0].GetString()!;
        Assert.Contains("'region' × 'age'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_auditors_large_upload_is_refused_before_its_body_is_read()
    {
        await engineer.ModelWithVersionAsync("fair-auditor-body", "1.0");
        var body = new CountingStream(300L * 1024 * 1024);
        var content = new StreamContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=portal-test");

        var response = await portal.ClientAs(PortalRoles.Auditor).PostAsync(
            "/api/v1/models/fair-auditor-body/versions/1.0/fairness-evaluations?labelColumn=label&predictionColumn=prediction&sensitive=sex", content);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Posting a fairness evaluation needs", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        // The test server buffers at most a few chunks ahead of a reader; the 300 MB were never pulled through.
        Assert.True(body.BytesRead < 4 * 1024 * 1024, $"{body.BytesRead:N0} bytes of the refused body were read.");
    }

    [Fact]
    public async Task The_default_upload_limit_refuses_a_file_over_50_MB_with_a_400()
    {
        await engineer.ModelWithVersionAsync("fair-limit", "1.0");
        var body = new CountingStream(51L * 1024 * 1024, "label,prediction,sex\n"u8.ToArray());
        var content = new StreamContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv");

        var response = await engineer.PostAsync(
            "/api/v1/models/fair-limit/versions/1.0/fairness-evaluations?labelColumn=label&predictionColumn=prediction&sensitive=sex", content);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, response.StatusCode.ToString());
        Assert.True(body.BytesRead <= 52L * 1024 * 1024);
    }

    /// <summary>A body of <c>length</c> bytes made on demand (header, then a filler row repeated), counting what the server pulled.</summary>
    private sealed class CountingStream(long length, byte[]? header = null) : Stream
    {
        private static readonly byte[] Filler = "0,0,x\n"u8.ToArray();
        private readonly byte[] header = header ?? [];
        private long position;

        public long BytesRead => Interlocked.Read(ref position);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            for (var i = 0; i < n; i++)
            {
                var at = position + i;
                buffer[offset + i] = at < header.Length ? header[at] : Filler[(at - header.Length) % Filler.Length];
            }
            Interlocked.Add(ref position, n);
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
