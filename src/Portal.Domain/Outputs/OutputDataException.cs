namespace Portal.Domain.Outputs;

/// <summary>Uploaded or stored output data that does not match the declared schema or format.</summary>
public sealed class OutputDataException(string message) : Exception(message);
