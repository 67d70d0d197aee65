using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Portal.EndToEndTests.Infrastructure;

/// <summary>
/// Runs each test's steps in a fresh browser context; when a step fails it saves a screenshot, the page's HTML
/// and the browser's console errors to <c>bin/…/screenshots</c> and names them in the test output.
/// </summary>
public abstract class BrowserTest(PortalEnvironment environment, ITestOutputHelper output)
{
    /// <summary>
    /// Generous, because the first page of a run also warms up the portal (EF Core, Razor, MudBlazor) and the other
    /// test assemblies run at the same time on two cores.
    /// </summary>
    private const float StepTimeout = 45_000;

    static BrowserTest() => Assertions.SetDefaultExpectTimeout(StepTimeout);

    protected PortalEnvironment Environment => environment;

    protected ITestOutputHelper Output => output;

    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    protected async Task InBrowserAsync(Func<IPage, Task> steps, [CallerMemberName] string testName = "")
    {
        await using var context = await environment.NewContextAsync();
        context.SetDefaultTimeout(StepTimeout);
        context.SetDefaultNavigationTimeout(StepTimeout);
        var page = await context.NewPageAsync();
        var problems = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Enqueue($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Enqueue($"page error: {error}");

        try
        {
            await steps(page);
        }
        catch (Exception)
        {
            await SaveEvidenceAsync(page, testName, problems);
            throw;
        }
    }

    private async Task SaveEvidenceAsync(IPage page, string testName, IEnumerable<string> problems)
    {
        try
        {
            Directory.CreateDirectory(ScreenshotFolder);
            var stem = Path.Combine(ScreenshotFolder, $"{testName}-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = stem + ".png", FullPage = true, Timeout = 5_000 });
            await File.WriteAllTextAsync(stem + ".html", await page.ContentAsync());
            output.WriteLine($"Failed at {page.Url}; screenshot {stem}.png, HTML {stem}.html");
        }
        catch (PlaywrightException exception)
        {
            output.WriteLine($"Failed at {page.Url}; no screenshot: {exception.Message}");
        }
        foreach (var problem in problems)
        {
            output.WriteLine(problem);
        }
    }
}
