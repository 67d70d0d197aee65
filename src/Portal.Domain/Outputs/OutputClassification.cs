namespace Portal.Domain.Outputs;

/// <summary>How closely an output's data is held, from anyone who reads the model to explicit grants only.</summary>
public enum OutputClassification
{
    Public,
    Internal,
    Confidential,
    Restricted,
}

/// <summary>How the stored data is laid out; an output that only references data elsewhere has none.</summary>
public enum OutputFormat
{
    Csv,
    JsonLines,
}

/// <summary>The declared type of a column; values are checked against the header, not parsed.</summary>
public enum OutputColumnType
{
    String,
    Integer,
    Decimal,
    Boolean,
    DateTime,
}
