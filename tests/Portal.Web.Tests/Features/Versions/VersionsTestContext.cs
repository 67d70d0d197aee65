using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Data;
using Portal.Domain.Versions;
using Portal.Web.Features.Shared;
using Portal.Web.Features.Versions;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Versions;

/// <summary>The portal test context plus the versions feature, sample lineage and a way to render a component with parameters beside MudBlazor's providers.</summary>
public abstract class VersionsTestContext : PortalTestContext
{
    protected const string TrainingHash = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
    protected static readonly TimeSpan DialogTimeout = TimeSpan.FromSeconds(30);

    protected VersionsTestContext() => Services.AddVersionsFeature();

    protected VersionService Versions => Services.GetRequiredService<VersionService>();

    protected static VersionDetails Details(string label, string auc = "0.81", string learningRate = "0.1", string trainingHash = TrainingHash) => new(
        label,
        new DataSetReference("s3://ml-data/credit/train.parquet", trainingHash),
        null,
        "https://git.example.com/credit/pd",
        "4e1243bd22c66e76c2ba9eddc1f91394e57f9f83",
        [new TypedValue("learning_rate", TypedValue.Number, learningRate)],
        [new TypedValue("auc", TypedValue.Number, auc), new TypedValue("ks", TypedValue.Number, "0.41")],
        $"s3://ml-artifacts/credit/{label}/model.bin",
        "Trained by the nightly pipeline.");

    protected Task<VersionView> RegisterVersionAsync(string modelKey, string label, string auc = "0.81", string learningRate = "0.1",
        string trainingHash = TrainingHash) =>
        Versions.RegisterAsync(Arranger, modelKey, Details(label, auc, learningRate, trainingHash));

    /// <summary>Renders <typeparamref name="TComponent"/> with <paramref name="parameters"/> after the providers dialogs and popovers need.</summary>
    protected IRenderedComponent<IComponent> RenderWithProviders<TComponent>(params (string Name, object? Value)[] parameters)
        where TComponent : IComponent => RenderWithProviders<TComponent>(null, parameters);

    /// <summary>As above, with <paramref name="rights"/> cascaded to the component as the model page cascades them.</summary>
    protected IRenderedComponent<IComponent> RenderWithProviders<TComponent>(ModelWriteRights? rights, params (string Name, object? Value)[] parameters)
        where TComponent : IComponent => Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<CascadingValue<ModelWriteRights?>>(3);
            builder.AddAttribute(4, "Value", rights);
            builder.AddAttribute(5, "ChildContent", (RenderFragment)(inner =>
            {
                inner.OpenComponent<TComponent>(6);
                foreach (var (name, value) in parameters)
                {
                    inner.AddAttribute(7, name, value);
                }
                inner.CloseComponent();
            }));
            builder.CloseComponent();
        });

    /// <summary>Opens a dialog through <see cref="IDialogService"/>, as the tab does, and returns the rendered providers and the dialog.</summary>
    protected async Task<(IRenderedComponent<IComponent> Host, IDialogReference Dialog)> OpenDialogAsync<TDialog>(DialogParameters<TDialog> parameters,
        string openSelector)
        where TDialog : IComponent
    {
        var host = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
        });
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference? reference = null;
        await host.InvokeAsync(async () => reference = await dialogs.ShowAsync<TDialog>("dialog", parameters));
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(openSelector)));
        return (host, reference!);
    }

    protected async Task<int> CountVersionsAsync()
    {
        var factory = Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.ModelVersions.CountAsync();
    }

    /// <summary>The error text under the input with <paramref name="inputId"/>; null when it shows none.</summary>
    protected static string? FieldError(IRenderedComponent<IComponent> host, string inputId) =>
        host.Find("#" + inputId).Closest(".mud-input-control")!
            .QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim();
}
