using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.Outputs;
using Portal.Web.Features.Outputs;
using Portal.Web.Tests.Features.Versions;

namespace Portal.Web.Tests.Features.Outputs;

public sealed class OutputPolicyPageTests : VersionsTestContext
{
    [Fact]
    public async Task An_admin_lets_auditors_read_confidential_outputs_and_the_change_is_saved_as_version_one()
    {
        SignInAs(PortalRoles.Admin);

        var page = RenderWithProviders<OutputPolicyPage>();
        page.WaitForElement("#readers-Confidential-Auditor").Change(true);
        page.Find("#policy-reason").Change("Auditors review confidential scores.");
        page.Find("#save-policy").Click();

        page.WaitForAssertion(() => Assert.Contains("Version 1", page.Find("#policy-version").TextContent, StringComparison.Ordinal));
        var policy = await Services.GetRequiredService<OutputPolicyService>().InForceAsync(CancellationToken.None);
        Assert.Equal(1, policy.Version);
        Assert.True(policy.ReadersOf(OutputClassification.Confidential).HasFlag(OutputAudience.Auditor));
        Assert.Equal("Auditors review confidential scores.", policy.Reason);
    }

    [Fact]
    public async Task An_admin_adds_a_custom_tag_and_it_gets_its_own_mask_choice()
    {
        SignInAs(PortalRoles.Admin);

        var page = RenderWithProviders<OutputPolicyPage>();
        page.WaitForElement("#tag-name").Change("health");
        page.Find("#add-tag").Click();

        page.WaitForAssertion(() => Assert.Contains("Columns tagged health", page.Markup, StringComparison.Ordinal));
        Assert.Contains("health", await Services.GetRequiredService<OutputPolicyService>().KnownTagsAsync(CancellationToken.None));
    }
}
