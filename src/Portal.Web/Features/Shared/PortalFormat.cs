using System.Globalization;
using Portal.Domain.Access;

namespace Portal.Web.Features.Shared;

/// <summary>
/// How the portal writes things for people, in one place: dates as ISO 8601 (2026-03-14, 2026-03-14 09:30 UTC) whatever the
/// browser's or server's culture, and role names as words ("Compliance reviewer").
/// </summary>
public static class PortalFormat
{
    public const string DatePattern = "yyyy-MM-dd";
    public const string DateTimePattern = "yyyy-MM-dd HH:mm 'UTC'";

    public static string Date(DateTime at) => at.ToString(DatePattern, CultureInfo.InvariantCulture);

    public static string Date(DateTime? at) => at is { } value ? Date(value) : "";

    public static string Timestamp(DateTime at) => at.ToString(DateTimePattern, CultureInfo.InvariantCulture);

    public static string Timestamp(DateTime? at) => at is { } value ? Timestamp(value) : "";

    /// <summary>"ComplianceReviewer" → "Compliance reviewer"; anything unknown is shown as it is.</summary>
    public static string Role(string role) => PortalRoles.Words(role);

    /// <summary>"Admin, Manager or Compliance reviewer".</summary>
    public static string Roles(IEnumerable<string> roles) => PortalRoles.Words(roles);
}
