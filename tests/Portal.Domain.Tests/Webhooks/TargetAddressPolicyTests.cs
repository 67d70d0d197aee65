using System.Net;
using Portal.Domain.Webhooks;

namespace Portal.Domain.Tests.Webhooks;

public class TargetAddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.0.10")]
    [InlineData("169.254.169.254")]
    [InlineData("0.0.0.0")]
    [InlineData("100.64.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fd12:3456::1")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:192.168.1.1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Addresses_inside_the_network_are_refused(string address)
    {
        Assert.NotNull(TargetAddressPolicy.Refusal(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("203.0.113.10")]
    [InlineData("2001:4860:4860::8888")]
    public void Public_addresses_are_allowed(string address)
    {
        Assert.Null(TargetAddressPolicy.Refusal(IPAddress.Parse(address)));
    }

    [Fact]
    public void The_allow_list_names_hosts_exactly_without_case()
    {
        Assert.True(TargetAddressPolicy.IsAllowListed("Chat.Internal", ["chat.internal"]));
        Assert.True(TargetAddressPolicy.IsAllowListed("[::1]", ["::1"]));
        Assert.False(TargetAddressPolicy.IsAllowListed("evil.chat.internal", ["chat.internal"]));
        Assert.False(TargetAddressPolicy.IsAllowListed("127.0.0.2", ["127.0.0.1"]));
    }
}
