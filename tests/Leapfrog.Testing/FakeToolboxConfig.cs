using System.Globalization;
using System.Text;

namespace Leapfrog.Testing;

/// <summary>
/// What a fake toolbox's config file holds: the database connections and the <c>[fake]</c> section
/// (accounting and fault injection) that fake-openstack-tool reads.
/// </summary>
public sealed record FakeToolboxConfig
{
    /// <summary><c>[database] connection</c>: <c>mysql+pymysql://user:pass@127.0.0.1:port/db</c>.</summary>
    public required string Connection { get; init; }

    /// <summary><c>[api_database] connection</c> (nova only).</summary>
    public string? ApiConnection { get; init; }

    /// <summary><c>exec_log</c>: one JSON line per invocation is appended here.</summary>
    public string? ExecLog { get; init; }

    /// <summary><c>fail_step</c>: comma-separated step patterns that fail (e.g. <c>db_sync --expand</c>, <c>expand</c>, <c>*</c>).</summary>
    public string? FailStep { get; init; }

    /// <summary><c>fail_rc</c>: exit code of a failing step (tool default 1).</summary>
    public int? FailRc { get; init; }

    /// <summary><c>hang_step</c>: steps that sleep until killed.</summary>
    public string? HangStep { get; init; }

    /// <summary><c>crash_step</c>: steps that kill themselves.</summary>
    public string? CrashStep { get; init; }

    /// <summary><c>crash_mode</c>: <c>kill</c> (SIGKILL, default) or <c>abort</c> (SIGABRT).</summary>
    public string? CrashMode { get; init; }

    /// <summary><c>fault_when</c>: <c>before</c> (default; nothing applied) or <c>after</c> (work applied, then the fault).</summary>
    public string? FaultWhen { get; init; }

    /// <summary><c>slow_step</c>: steps that sleep <see cref="SlowSeconds"/> after reading the state, before changing it.</summary>
    public string? SlowStep { get; init; }

    /// <summary><c>slow_seconds</c> (tool default 5).</summary>
    public double? SlowSeconds { get; init; }

    /// <summary><c>print_url</c>: steps that print the <c>[database]</c> URL, password in clear, on stdout and stderr first.</summary>
    public string? PrintUrl { get; init; }

    /// <summary><c>data_rows</c>: rows seeded on creation and topped up to on every hop (tool default 25).</summary>
    public int? DataRows { get; init; }

    /// <summary><c>data_error</c>: online data migrations fail with "errors, no progress".</summary>
    public bool DataError { get; init; }

    /// <summary><c>data_stuck</c>: online data migrations report rows needing work, complete none, and answer "more" (rc 1).</summary>
    public bool DataStuck { get; init; }

    /// <summary>The ini text.</summary>
    public string ToIni()
    {
        var sb = new StringBuilder("[DEFAULT]\n\n[database]\n");
        sb.Append(CultureInfo.InvariantCulture, $"connection = {Connection}\n");
        if (ApiConnection is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n[api_database]\nconnection = {ApiConnection}\n");
        }

        sb.Append("\n[fake]\n");
        void Add(string key, object? value)
        {
            if (value is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{key} = {value}\n");
            }
        }

        Add("exec_log", ExecLog);
        Add("fail_step", FailStep);
        Add("fail_rc", FailRc);
        Add("hang_step", HangStep);
        Add("crash_step", CrashStep);
        Add("crash_mode", CrashMode);
        Add("fault_when", FaultWhen);
        Add("slow_step", SlowStep);
        Add("print_url", PrintUrl);
        Add("slow_seconds", SlowSeconds?.ToString(CultureInfo.InvariantCulture));
        Add("data_rows", DataRows);
        Add("data_error", DataError ? "true" : null);
        Add("data_stuck", DataStuck ? "true" : null);
        return sb.ToString();
    }
}
