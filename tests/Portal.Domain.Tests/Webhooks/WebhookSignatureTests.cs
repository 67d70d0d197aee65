using Portal.Domain.Webhooks;

namespace Portal.Domain.Tests.Webhooks;

/// <summary>The test vector published with the Standard Webhooks specification and its reference libraries, written out here.</summary>
public class WebhookSignatureTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string MessageId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long Timestamp = 1614265330;
    private const string Body = """{"test": 2432232314}""";
    private const string Expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(Timestamp);

    [Fact]
    public void Signing_reproduces_the_specification_vector()
    {
        Assert.Equal(Expected, WebhookSignature.Sign(Secret, MessageId, Timestamp, Body));
    }

    [Fact]
    public void The_secret_prefix_is_optional_as_in_the_reference_libraries()
    {
        Assert.Equal(Expected, WebhookSignature.Sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", MessageId, Timestamp, Body));
    }

    [Fact]
    public void A_receiver_accepts_the_vector_among_several_signatures()
    {
        Assert.True(WebhookSignature.Verify(Secret, MessageId, Timestamp, Body, "v1,bm9wZQ== " + Expected, SentAt, TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData(MessageId, Timestamp, """{"test": 2432232315}""")]
    [InlineData("msg_other", Timestamp, Body)]
    [InlineData(MessageId, Timestamp + 1, Body)]
    public void A_tampered_body_id_or_timestamp_is_refused(string id, long timestamp, string body)
    {
        Assert.False(WebhookSignature.Verify(Secret, id, timestamp, body, Expected, DateTimeOffset.FromUnixTimeSeconds(timestamp), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void An_old_message_is_refused_as_a_replay()
    {
        Assert.False(WebhookSignature.Verify(Secret, MessageId, Timestamp, Body, Expected, SentAt.AddMinutes(6), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void A_new_secret_has_the_standard_form_and_24_random_bytes()
    {
        var secret = WebhookSecret.Create();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(24, WebhookSecret.KeyBytes(secret).Length);
        Assert.NotEqual(secret, WebhookSecret.Create());
    }
}
