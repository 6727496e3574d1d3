using PuppeteerSharp;

namespace Leapfrog.Report.Tests;

/// <summary>Debian's chromium, headless, driven over the DevTools protocol: opens a page from disk and records what it did.</summary>
public sealed class Browser : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly IBrowser _browser;

    private Browser(IBrowser browser) => _browser = browser;

    public static async Task<Browser> LaunchAsync()
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: scripts/setup installs Debian's chromium");
        var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            Headless = true,
            ExecutablePath = Executable,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
        });
        return new Browser(browser);
    }

    /// <summary>Opens <paramref name="file"/>; screenshot into the test artefacts as <paramref name="shot"/>.</summary>
    public async Task<Opened> OpenAsync(string file, string shot)
    {
        var page = await _browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 900 });
        var opened = new Opened(page);
        page.Console += (_, e) =>
        {
            if (e.Message.Type is ConsoleType.Error or ConsoleType.Warning)
            {
                opened.ConsoleErrors.Add(e.Message.Text);
            }
        };
        page.PageError += (_, e) => opened.ConsoleErrors.Add(e.Message);
        page.Request += (_, e) => opened.Requests.Add(e.Request.Url);
        var started = DateTime.UtcNow;
        await page.GoToAsync(new Uri(file).AbsoluteUri, WaitUntilNavigation.Load);
        opened.LoadMs = (DateTime.UtcNow - started).TotalMilliseconds;
        var dir = Artefacts;
        Directory.CreateDirectory(dir);
        opened.Screenshot = Path.Combine(dir, shot);
        await page.ScreenshotAsync(opened.Screenshot, new ScreenshotOptions { FullPage = true });
        return opened;
    }

    /// <summary>Where screenshots are kept after the run.</summary>
    public static string Artefacts => Environment.GetEnvironmentVariable("LEAPFROG_TEST_ARTEFACTS")
        ?? Path.Combine(Leapfrog.Testing.Repo.Root, "artifacts", "test-artefacts", "report");

    public async ValueTask DisposeAsync() => await _browser.CloseAsync();

    /// <summary>A page opened, with its console errors and every request it made.</summary>
    public sealed class Opened(IPage page)
    {
        public IPage Page { get; } = page;

        public List<string> ConsoleErrors { get; } = [];

        public List<string> Requests { get; } = [];

        public string Screenshot { get; set; } = "";

        public double LoadMs { get; set; }

        public Task<T> EvalAsync<T>(string function) => Page.EvaluateFunctionAsync<T>(function);
    }
}
