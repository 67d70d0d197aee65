namespace Portal.Domain.Versions;

public enum VersionStage
{
    None,
    Staging,
    Production,
    Archived,
}
