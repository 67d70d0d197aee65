using Portal.Domain.Audit;

namespace Portal.Domain.Teams;

/// <summary>A team owns models (by <c>Model.Team</c>, its name); its managers act on those models.</summary>
public sealed class Team : IAuditedEntity
{
    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string NameNormalized { get; private set; } = "";
    public string? Description { get; private set; }
    public List<TeamMember> Members { get; private set; } = [];
    public int Revision { get; private set; } = 1;

    public string AuditEntityType => "Team";
    public string AuditEntityId => Name;
    public string? AuditModelKey => null;
    public string? PendingAuditAction { get; private set; }

    public static Team Create(string name, string? description) => new()
    {
        Name = name.Trim(),
        NameNormalized = Normalize(name),
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
        PendingAuditAction = "Team.Created",
    };

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();

    public bool IsManager(string subject) => Members.Any(m => m.Subject == subject && m.IsManager);

    public bool IsMember(string subject) => Members.Any(m => m.Subject == subject);

    public void SetMember(string subject, string name, bool isManager)
    {
        var member = Members.FirstOrDefault(m => m.Subject == subject);
        if (member is null)
        {
            Members.Add(new TeamMember(subject, name, isManager));
        }
        else
        {
            if (member.IsManager && !isManager && Members.Count(m => m.IsManager) == 1)
            {
                throw new InvalidOperationException($"{member.Name} is the last manager of {Name}; name another manager first.");
            }
            member.IsManager = isManager;
        }
        Touch("Team.MembershipChanged");
    }

    public void RemoveMember(string subject)
    {
        var member = Members.FirstOrDefault(m => m.Subject == subject)
            ?? throw new InvalidOperationException($"{subject} is not a member of {Name}.");
        if (member.IsManager && Members.Count(m => m.IsManager) == 1)
        {
            throw new InvalidOperationException($"{member.Name} is the last manager of {Name}; name another manager first.");
        }
        Members.Remove(member);
        Touch("Team.MembershipChanged");
    }

    public void ClearPendingAuditAction() => PendingAuditAction = null;

    private void Touch(string action)
    {
        Revision++;
        PendingAuditAction = action;
    }
}

/// <summary>A person in a team; managers assign and transfer ownership of the team's models.</summary>
public sealed class TeamMember(string subject, string name, bool isManager)
{
    public string Subject { get; private set; } = subject;
    public string Name { get; private set; } = name;
    public bool IsManager { get; set; } = isManager;
}
