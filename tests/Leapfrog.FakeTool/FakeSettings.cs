using System.Globalization;

namespace Leapfrog.FakeTool;

/// <summary>The <c>[fake]</c> section: accounting and fault injection.</summary>
internal sealed record FakeSettings
{
    /// <summary>Append one JSON line per invocation here (<c>exec_log</c>).</summary>
    public string? ExecLog { get; init; }

    /// <summary>Steps that fail with <see cref="FailRc"/> (<c>fail_step</c>, comma-separated patterns).</summary>
    public string? FailStep { get; init; }

    /// <summary>Exit code of a failed step (<c>fail_rc</c>, default 1).</summary>
    public int FailRc { get; init; } = 1;

    /// <summary>Steps that sleep until killed (<c>hang_step</c>).</summary>
    public string? HangStep { get; init; }

    /// <summary>Steps that kill themselves (<c>crash_step</c>).</summary>
    public string? CrashStep { get; init; }

    /// <summary><c>kill</c> (SIGKILL, default) or <c>abort</c> (Environment.FailFast, SIGABRT) (<c>crash_mode</c>).</summary>
    public string CrashMode { get; init; } = "kill";

    /// <summary><c>before</c> (default: nothing applied) or <c>after</c> (work applied, then the fault) for fail, hang and crash (<c>fault_when</c>).</summary>
    public string FaultWhen { get; init; } = "before";

    /// <summary>Steps that sleep <see cref="SlowSeconds"/> after reading the state and before changing it (<c>slow_step</c>).</summary>
    public string? SlowStep { get; init; }

    /// <summary>How long a slow step sleeps (<c>slow_seconds</c>, default 5).</summary>
    public double SlowSeconds { get; init; } = 5;

    /// <summary>Rows the service data holds: seeded on creation, topped up to this on every hop (<c>data_rows</c>, default 25).</summary>
    public int DataRows { get; init; } = 25;

    /// <summary>Online data migrations fail with "errors, no progress" (<c>data_error</c>).</summary>
    public bool DataError { get; init; }

    /// <summary>
    /// Steps that print the <c>[database]</c> connection URL, password included, on stdout and stderr before the work, as a
    /// tool's error about its URL does (<c>print_url</c>).
    /// </summary>
    public string? PrintUrl { get; init; }

    /// <summary>Online data migrations report rows needing work but complete none, with rc 1 ("more") (<c>data_stuck</c>).</summary>
    public bool DataStuck { get; init; }

    /// <summary>
    /// <c>placement_api = missing</c>: nova-status also prints its Placement API check, failed as the real one fails
    /// without placement credentials in nova.conf (nova/cmd/status.py _check_placement).
    /// </summary>
    public string? PlacementApi { get; init; }

    /// <summary>Reads the section; bad values end the tool with rc 1.</summary>
    public static FakeSettings From(IniFile ini)
    {
        string? S(string key) => ini.Get("fake", key) is { Length: > 0 } v ? v : null;
        var when = S("fault_when") ?? "before";
        var mode = S("crash_mode") ?? "kill";
        if (when is not ("before" or "after"))
        {
            throw new ToolExit(1, "ERROR: [fake] fault_when must be before or after");
        }

        if (mode is not ("kill" or "abort"))
        {
            throw new ToolExit(1, "ERROR: [fake] crash_mode must be kill or abort");
        }

        return new FakeSettings
        {
            ExecLog = S("exec_log"),
            FailStep = S("fail_step"),
            FailRc = Int(S("fail_rc"), "fail_rc", 1, 0, 255),
            HangStep = S("hang_step"),
            CrashStep = S("crash_step"),
            CrashMode = mode,
            FaultWhen = when,
            SlowStep = S("slow_step"),
            PrintUrl = S("print_url"),
            PlacementApi = S("placement_api"),
            SlowSeconds = S("slow_seconds") is { } s
                && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0
                ? d : S("slow_seconds") is null ? 5 : throw new ToolExit(1, "ERROR: [fake] slow_seconds must be a number >= 0"),
            DataRows = Int(S("data_rows"), "data_rows", 25, 0, 1_000_000),
            DataError = S("data_error") is { } e && (e.Equals("true", StringComparison.OrdinalIgnoreCase) || e == "1" || e.Equals("yes", StringComparison.OrdinalIgnoreCase)),
            DataStuck = S("data_stuck") is { } k && (k.Equals("true", StringComparison.OrdinalIgnoreCase) || k == "1" || k.Equals("yes", StringComparison.OrdinalIgnoreCase)),
        };
    }

    private static int Int(string? text, string key, int fallback, int min, int max)
    {
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new ToolExit(1, $"ERROR: [fake] {key} must be an integer from {min} to {max}");
    }
}
