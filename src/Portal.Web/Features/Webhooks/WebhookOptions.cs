using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Features.Webhooks;

/// <summary>Configuration section "Webhooks", validated at start-up.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Hosts (names or addresses, as written in the target URL) an Admin allows even though they resolve to private, loopback or
    /// link-local addresses, such as an internal chat bridge. Empty by default: such targets are refused.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>The portal's public address, put before each event's link (for example https://governance.example.com).</summary>
    public string PortalUrl { get; set; } = "";

    /// <summary>Whether this instance runs the delivery worker (every instance may: claims make each event go out once).</summary>
    public bool WorkerEnabled { get; set; } = true;

    [Range(50, 60_000, ErrorMessage = "Webhooks:PollMilliseconds must be between 50 and 60000.")]
    public int PollMilliseconds { get; set; } = 500;

    [Range(1, 1000, ErrorMessage = "Webhooks:BatchSize must be between 1 and 1000.")]
    public int BatchSize { get; set; } = 200;

    [Range(1, 256, ErrorMessage = "Webhooks:Parallelism must be between 1 and 256.")]
    public int Parallelism { get; set; } = 32;

    [Range(1, 300, ErrorMessage = "Webhooks:TimeoutSeconds must be between 1 and 300.")]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>How long a claimed delivery stays with its instance; after that another instance may take it (the first one died).</summary>
    [Range(10, 3600, ErrorMessage = "Webhooks:LeaseSeconds must be between 10 and 3600.")]
    public int LeaseSeconds { get; set; } = 120;
}
