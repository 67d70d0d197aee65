namespace Portal.Web.Components.Layout;

/// <summary>NavLink's matching, for the menu's markup entries: the whole path, or the path and what lies below it.</summary>
public static class NavMenuMatch
{
    /// <param name="relativeUri">The address relative to the base, as <c>NavigationManager.ToBaseRelativePath</c> gives it.</param>
    public static bool IsActive(string relativeUri, string href, bool exact)
    {
        var path = relativeUri.Split('?', '#')[0].TrimEnd('/');
        if (exact || href.Length == 0)
        {
            return string.Equals(path, href, StringComparison.OrdinalIgnoreCase);
        }
        return string.Equals(path, href, StringComparison.OrdinalIgnoreCase)
            || path.StartsWith(href + "/", StringComparison.OrdinalIgnoreCase);
    }
}
