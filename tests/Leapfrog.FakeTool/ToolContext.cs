using Leapfrog.Core.Releases;

namespace Leapfrog.FakeTool;

/// <summary>Everything one invocation knows: release, tool, configuration, output.</summary>
internal sealed class ToolContext
{
    private bool _slowDone;

    /// <summary>The release these tools belong to.</summary>
    public required Release Release { get; init; }

    /// <summary>The tool name as invoked, e.g. <c>nova-manage</c>.</summary>
    public required string Tool { get; init; }

    /// <summary>The service, e.g. <c>nova</c>.</summary>
    public required string Service { get; init; }

    /// <summary>The merged configuration files.</summary>
    public required IniFile Ini { get; init; }

    /// <summary>The <c>[fake]</c> section.</summary>
    public required FakeSettings Fake { get; init; }

    /// <summary>Hides passwords.</summary>
    public required Redactor Redactor { get; init; }

    /// <summary>The canonical words of the running subcommand (set once parsed).</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>stdout.</summary>
    public TextWriter Out { get; init; } = Console.Out;

    /// <summary>stderr.</summary>
    public TextWriter Err { get; init; } = Console.Error;

    /// <summary>True when this release is <paramref name="name"/> or newer.</summary>
    public bool AtLeast(string name) => Release.Order >= Find(name).Order;

    /// <summary>A release by name.</summary>
    public static Release Find(string name) => ReleaseCatalog.Default.Find(name, "release");

    /// <summary>The database URL of <c>[section] connection</c>; rc 1 when missing or malformed.</summary>
    public DbUrl Connection(string section = "database")
    {
        var text = Ini.Get(section, "connection");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ToolExit(1, $"ERROR: no [{section}] connection configured");
        }

        return DbUrl.Parse(text, $"[{section}] connection");
    }

    /// <summary>A SQL client for <c>[section] connection</c>.</summary>
    public SqlClient Sql(string section = "database") => new(Connection(section), Redactor);

    /// <summary>Called once the state is read: sleeps when <c>slow_step</c> matches (the database may go away meanwhile).</summary>
    public void AfterStateRead()
    {
        if (_slowDone)
        {
            return;
        }

        _slowDone = true;
        if (StepPattern.Matches(Fake.SlowStep, Tool, Key))
        {
            Err.WriteLine($"fake: slow step '{Key}', sleeping {Fake.SlowSeconds} s");
            Err.Flush();
            Thread.Sleep(TimeSpan.FromSeconds(Fake.SlowSeconds));
        }
    }
}
