namespace Portal.Domain.Outputs;

/// <summary>One column of an output's schema with the governed tags that decide its masking.</summary>
public sealed record OutputColumn(string Name, OutputColumnType Type, List<string> Tags)
{
    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);
}

/// <summary>The expected range of a score column; values outside it are flagged (by a later rule), never refused.</summary>
public sealed record ScoreRange(string Column, double Minimum, double Maximum);
