namespace Leapfrog.Remote.Ssh;

/// <summary>Exit code of a remote command: its status, or 128 + signal number when a signal ended it.</summary>
internal static class SshExit
{
    private static readonly Dictionary<string, int> Signals = new(StringComparer.Ordinal)
    {
        ["HUP"] = 1, ["INT"] = 2, ["QUIT"] = 3, ["ILL"] = 4, ["ABRT"] = 6, ["FPE"] = 8, ["KILL"] = 9,
        ["USR1"] = 10, ["SEGV"] = 11, ["USR2"] = 12, ["PIPE"] = 13, ["ALRM"] = 14, ["TERM"] = 15,
    };

    /// <summary>The exit code (255 when neither status nor a known signal was reported, like ssh).</summary>
    public static int Code(int? status, string? signal) =>
        status ?? (signal is not null && Signals.TryGetValue(signal, out var n) ? 128 + n : 255);
}
