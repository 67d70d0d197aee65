namespace Portal.Data;

/// <summary>
/// One tag of one model. The database keeps these rows in step with Models.Tags (triggers in the migrations), so the
/// tag filter seeks an index instead of reading every model's JSON; the portal itself never writes them.
/// </summary>
public sealed class ModelTag
{
    public string Tag { get; private set; } = "";

    public int ModelId { get; private set; }
}
