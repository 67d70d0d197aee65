namespace Portal.Domain.Flags;

public enum FlagSeverity
{
    Low,
    Medium,
    High,
}

/// <summary>Who must act on a flag: the team's managers (ownership problems) or the model's owners (everything else).</summary>
public enum FlagActors
{
    TeamManagers,
    Owners,
}
