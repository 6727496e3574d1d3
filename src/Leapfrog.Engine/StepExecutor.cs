using System.Globalization;
using System.Text;

namespace Leapfrog.Engine;

/// <summary>Launches, re-attaches to and waits for detached step runs on the controller.</summary>
internal sealed class StepExecutor
{
    private readonly Controller _controller;
    private readonly string _lockDir;
    private readonly TimeSpan _stepTimeout;

    public StepExecutor(Controller controller, string lockDir, TimeSpan stepTimeout)
    {
        _controller = controller;
        _lockDir = lockDir;
        _stepTimeout = stepTimeout;
    }

    /// <summary>The latest run of a unit: its status, its number, and its rc when done.</summary>
    public async Task<(UnitStatus Kind, int Run, int Rc)> StatusAsync(string unitDir, CancellationToken ct)
    {
        var line = (await _controller.RunCheckedAsync(Scripts.Status(unitDir), "reading step status", ct).ConfigureAwait(false)).Trim();
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts switch
        {
            ["none"] => (UnitStatus.None, 0, 0),
            ["done", var n, var rc] => (UnitStatus.Done, Int(n), Int(rc)),
            ["running", var n] => (UnitStatus.Running, Int(n), 0),
            ["lost", var n, _] => (UnitStatus.Lost, Int(n), 0),
            _ => throw new ControllerException($"unexpected step status from {_controller.Target}: '{Core.Printable.Clip(line)}'"),
        };
    }

    /// <summary>Starts run <paramref name="run"/> (unless it exists already) and waits for its end.</summary>
    public Task<RunResult> StartAsync(string unitDir, int run, string command, CancellationToken ct) =>
        WaitAsync(w => Scripts.Launch(unitDir, run, command, _lockDir, w), _stepTimeout, $"{unitDir}/{run}", run, ct);

    /// <summary>
    /// Waits for an existing run (re-attach after a dropped connection or a killed module). Its first wait is
    /// short: the answer says how long the run has been going, so it keeps the deadline it started with.
    /// </summary>
    public Task<RunResult> AttachAsync(string unitDir, int run, CancellationToken ct) =>
        WaitAsync(w => Scripts.Wait($"{unitDir}/{run}", _lockDir, w), TimeSpan.Zero, $"{unitDir}/{run}", run, ct);

    /// <summary>
    /// Waits for a run to end, killing it once it has run <c>step_timeout</c>. The time it has run is the
    /// controller's (now minus its <c>started</c> file, both by the controller's clock), so the deadline counts
    /// from the step's start, not from when this module run attached, and a clock skew between the machine
    /// running the module and the controller does not move it.
    /// </summary>
    private async Task<RunResult> WaitAsync(Func<TimeSpan, string> first, TimeSpan firstWait, string runDir, int run, CancellationToken ct)
    {
        var script = first;
        var wait = firstWait;
        var timedOut = false;
        while (true)
        {
            var result = await _controller.RunAsync(script(wait), Scripts.LongPoll + TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
            var lines = result.Stdout.Split('\n');
            var head = lines[0].Trim();
            if (result.ExitCode != 0)
            {
                throw new ControllerException(
                    $"could not start or watch step run {runDir} on {_controller.Target} (rc {result.ExitCode}): {Core.Printable.Clip(result.Stderr.Trim(), 200)}");
            }

            if (head.StartsWith("done ", StringComparison.Ordinal) && lines.Length >= 4)
            {
                var times = lines[3].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var duration = times.Length == 2 ? Math.Max(0, Dbl(times[1]) - Dbl(times[0])) : 0;
                return new RunResult(run, Int(head[5..]), Decode(lines[1]), Decode(lines[2]), Math.Round(duration, 3), timedOut);
            }

            if (head == "lost")
            {
                return new RunResult(run, null, "", "", 0, timedOut);
            }

            var ran = head.Split(' ') is ["running", var seconds] && double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var s)
                ? TimeSpan.FromSeconds(s)
                : throw new ControllerException($"unexpected answer from {_controller.Target} while watching {runDir}: '{Core.Printable.Clip(head)}'");
            if (!timedOut && ran >= _stepTimeout)
            {
                timedOut = true;
                await _controller.RunCheckedAsync(Scripts.Kill(runDir), "killing a step past step_timeout", ct).ConfigureAwait(false);
            }

            // Wait on the controller no longer than the step may still run, so a timeout is noticed promptly.
            wait = timedOut ? Scripts.LongPoll : _stepTimeout - ran;
            script = w => Scripts.Wait(runDir, _lockDir, w);
        }
    }

    private static string Decode(string b64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(b64.Trim()));
        }
        catch (FormatException)
        {
            return "";
        }
    }

    private static int Int(string text) => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static double Dbl(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0;
}
