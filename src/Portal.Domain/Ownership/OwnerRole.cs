namespace Portal.Domain.Ownership;

public enum OwnerRole
{
    Primary,
    Backup,
}
