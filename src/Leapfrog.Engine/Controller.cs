using Leapfrog.Remote;

namespace Leapfrog.Engine;

/// <summary>
/// The controller as the engine sees it: an <see cref="IShell"/> whose scripts are retried across
/// dropped connections for up to <see cref="ReconnectWindow"/>. Only idempotent scripts go through here
/// (see <see cref="Scripts"/>).
/// </summary>
internal sealed class Controller
{
    private readonly IShell _shell;
    private readonly TimeProvider _time;

    public Controller(IShell shell, TimeProvider time, TimeSpan reconnectWindow)
    {
        _shell = shell;
        _time = time;
        ReconnectWindow = reconnectWindow;
    }

    /// <summary>How long a script keeps being retried while the controller cannot be reached.</summary>
    public TimeSpan ReconnectWindow { get; }

    /// <summary>How many times the connection dropped and was re-established.</summary>
    public int Reconnects { get; private set; }

    /// <summary>Commands sent to the controller, for the benchmark and the tests.</summary>
    public int Calls { get; private set; }

    /// <summary>The shell's target, for messages.</summary>
    public string Target => _shell.Target;

    /// <summary>Runs <paramref name="script"/>, retrying it after connection loss.</summary>
    /// <exception cref="ControllerException">The controller stayed unreachable for the whole window.</exception>
    public async Task<ShellResult> RunAsync(string script, TimeSpan timeout, CancellationToken ct)
    {
        var start = _time.GetTimestamp();
        while (true)
        {
            try
            {
                Calls++;
                return await _shell.RunAsync(script, timeout, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ShellConnectionLostException or ShellConnectException)
            {
                if (_time.GetElapsedTime(start) > ReconnectWindow)
                {
                    throw new ControllerException(
                        $"{_shell.Target} stayed unreachable for {ReconnectWindow.TotalSeconds:0} s (reconnect_timeout): {ex.Message}", ex);
                }

                Reconnects++;
                await Task.Delay(TimeSpan.FromSeconds(1), _time, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs <paramref name="script"/> and fails unless it exits 0.</summary>
    /// <exception cref="ControllerException">Non-zero exit.</exception>
    public async Task<string> RunCheckedAsync(string script, string what, CancellationToken ct, TimeSpan? timeout = null)
    {
        var result = await RunAsync(script, timeout ?? TimeSpan.FromSeconds(60), ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            var detail = result.Stderr.Trim().Split('\n').LastOrDefault() ?? "";
            throw new ControllerException($"{what} failed on {_shell.Target} (rc {result.ExitCode}){(detail.Length > 0 ? ": " + detail : "")}");
        }

        return result.Stdout;
    }
}
