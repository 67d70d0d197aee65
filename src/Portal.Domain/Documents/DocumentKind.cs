namespace Portal.Domain.Documents;

/// <summary>What a document attached to a model is, for an auditor looking for the right evidence.</summary>
public enum DocumentKind
{
    ValidationReport,
    RiskAssessment,
    DataSheet,
    Other,
}
