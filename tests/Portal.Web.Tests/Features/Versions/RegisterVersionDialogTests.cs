using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Domain.Access;
using Portal.Domain.Versions;
using Portal.Web.Features.Versions;

namespace Portal.Web.Tests.Features.Versions;

public class RegisterVersionDialogTests : VersionsTestContext
{
    private async Task<(IRenderedComponent<IComponent> Host, IDialogReference Dialog)> OpenAsync(string modelKey = "credit-pd") =>
        await OpenDialogAsync(new DialogParameters<RegisterVersionDialog> { { d => d.ModelKey, modelKey } }, "#save-version");

    private static void FillValid(IRenderedComponent<IComponent> host, string label = "1.0.0")
    {
        host.Find("#version-label").Change(label);
        host.Find("#training-uri").Change("s3://ml-data/credit/train.parquet");
        host.Find("#training-sha256").Change(TrainingHash.ToUpperInvariant());
        host.Find("#code-repository").Change("https://git.example.com/credit/pd");
        host.Find("#code-commit").Change("4E1243B");
        host.Find("#artifact-uri").Change("s3://ml-artifacts/credit/1.0.0/model.bin");
        host.Find("#notes").Change("First release.");
    }

    [Fact]
    public async Task Registering_with_valid_fields_and_rows_saves_the_version()
    {
        await RegisterModelAsync("credit-pd");
        var (host, dialog) = await OpenAsync();
        FillValid(host);
        host.Find("#hyperparameters-add").Click();
        host.Find("#hyperparameters-key-0").Change("max_depth");
        host.Find("#hyperparameters-value-0").Change("6");
        host.Find("#metrics-add").Click();
        host.Find("#metrics-key-0").Change("auc");
        host.Find("#metrics-value-0").Change("0.812");
        host.Find("#metrics-add").Click(); // left empty: an unused row is ignored, not reported

        host.Find("#save-version").Click();

        var result = await dialog.Result.WaitAsync(DialogTimeout);
        Assert.False(result!.Canceled);
        var saved = await Versions.GetAsync(Arranger, "credit-pd", "1.0.0");
        Assert.Equal(TrainingHash, saved.TrainingData!.Sha256);
        Assert.Equal("4e1243b", saved.CodeCommit);
        // A new row starts as a number; the rules then read "6" as a number, which it is.
        Assert.Equal(new TypedValue("max_depth", TypedValue.Number, "6"), Assert.Single(saved.Hyperparameters));
        Assert.Equal(new TypedValue("auc", TypedValue.Number, "0.812"), Assert.Single(saved.Metrics));
        Assert.Equal("Test Engineer", saved.RegisteredBy);
        Assert.Equal(VersionStage.None, saved.Stage);
    }

    [Fact]
    public async Task Bad_fields_show_their_errors_under_each_field_and_write_nothing()
    {
        await RegisterModelAsync("credit-pd");
        var (host, dialog) = await OpenAsync();
        host.Find("#version-label").Change("-v1");
        host.Find("#training-sha256").Change("abc");
        host.Find("#code-commit").Change("main");
        host.Find("#evaluation-uri").Change("holdout.parquet");
        host.Find("#metrics-add").Click();
        host.Find("#metrics-key-0").Change("auc");
        host.Find("#metrics-value-0").Change("0,81");

        host.Find("#save-version").Click();

        host.WaitForAssertion(() => Assert.Equal(
            "Label must start with a letter or digit and use only letters, digits, '.', '_', '+' and '-'.", FieldError(host, "version-label")));
        Assert.Equal("The training data set's URI is required.", FieldError(host, "training-uri"));
        Assert.Equal("A SHA-256 is exactly 64 hexadecimal characters.", FieldError(host, "training-sha256"));
        Assert.Equal("A commit is 7 to 40 hexadecimal characters.", FieldError(host, "code-commit"));
        Assert.Equal("A commit needs the repository it belongs to.", FieldError(host, "code-repository"));
        Assert.StartsWith("The evaluation data set's URI must be an absolute URI", FieldError(host, "evaluation-uri"), StringComparison.Ordinal);
        Assert.NotNull(FieldError(host, "evaluation-sha256"));
        Assert.Null(FieldError(host, "artifact-uri"));
        Assert.Null(FieldError(host, "notes"));
        Assert.Equal("Row 1: 'auc' must be a number written with a '.' decimal point, such as 0.25 or 1e-3.",
            host.Find("#metrics-error").TextContent.Trim());
        Assert.Empty(host.FindAll("#hyperparameters-error"));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal(0, await CountVersionsAsync());
    }

    [Fact]
    public async Task A_duplicate_label_shows_the_label_error_and_writes_nothing()
    {
        await RegisterModelAsync("credit-pd");
        await RegisterVersionAsync("credit-pd", "1.0.0");
        var (host, dialog) = await OpenAsync();
        FillValid(host, label: "1.0.0");

        host.Find("#save-version").Click();

        host.WaitForAssertion(() => Assert.Equal(
            "Model credit-pd already has a version labelled '1.0.0' (labels are unique regardless of case).", FieldError(host, "version-label")));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal(1, await CountVersionsAsync());
    }

    [Fact]
    public async Task An_auditor_is_refused_with_an_explanation_and_nothing_is_written()
    {
        await RegisterModelAsync("credit-pd");
        SignInAs(PortalRoles.Auditor);
        var (host, _) = await OpenAsync();
        FillValid(host);

        host.Find("#save-version").Click();

        host.WaitForAssertion(() => Assert.Equal(
            "Registering a model version needs the Admin, Manager or Engineer role; you have the Auditor role.",
            host.Find("#form-problem").TextContent.Trim()));
        Assert.Equal(0, await CountVersionsAsync());
    }
}
