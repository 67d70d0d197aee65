using Microsoft.AspNetCore.Components;

namespace Portal.Web.Components.Shared;

/// <summary>
/// Base of the components that take parameters from the address (<see cref="SupplyParameterFromQueryAttribute"/>).
/// Blazor tells those components about a new address while it enumerates them. A component that renders there, at once,
/// lets the renderer catch up on renders it had held back for a client slow to acknowledge (the router's render of the
/// same navigation among them), and that render disposes a component of the set being enumerated: "Collection was
/// modified", and the circuit is lost (seen under load). So, after its first parameters, such a component takes new
/// parameters at once but acts on them only once the caller has returned.
/// </summary>
public abstract class AddressBoundComponent : ComponentBase, IDisposable
{
    private bool initialized;
    private bool disposed;

    public override async Task SetParametersAsync(ParameterView parameters)
    {
        if (!initialized)
        {
            initialized = true;
            await base.SetParametersAsync(parameters);
            return;
        }
        parameters.SetParameterProperties(this);
        await Task.Yield();
        if (!disposed)
        {
            await base.SetParametersAsync(ParameterView.Empty);
        }
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>A derived component that holds resources releases them here, so that the base still learns it is gone.</summary>
    protected virtual void Dispose(bool disposing) => disposed = true;
}
