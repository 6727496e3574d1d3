using System.Diagnostics;
using System.Text;
using Leapfrog.Testing;

namespace Leapfrog.EndToEnd.Tests;

/// <summary>An ansible-playbook run started by <see cref="Playbook.Start"/>: its own process group, its output collected.</summary>
public sealed class RunningPlaybook : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    internal RunningPlaybook(IReadOnlyList<string> argv, IDictionary<string, string> env, string cwd)
    {
        var psi = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false, WorkingDirectory = cwd };
        foreach (var a in argv.Skip(1))
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }

        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _process.StandardInput.Close();
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds; false when the play ended first or the bound passed.</summary>
    public bool WaitUntil(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (condition())
            {
                return true;
            }

            if (_process.HasExited)
            {
                return condition();
            }

            Thread.Sleep(200);
        }

        return false;
    }

    /// <summary>Ctrl-C: SIGINT to the play's whole process group (ansible-playbook, its workers and the modules they run).</summary>
    public void Interrupt()
    {
        var r = Proc.Run("kill", ["-INT", "--", $"-{_process.Id}"]);
        Assert.True(r.ExitCode == 0, $"kill -INT: {r.Stderr}");
    }

    /// <summary>Waits (bounded) for the play to end.</summary>
    public PlaybookRun Wait()
    {
        if (!_process.WaitForExit(TimeSpan.FromMinutes(20)))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException("ansible-playbook did not finish within 20 min");
        }

        _process.WaitForExit(); // the output's last lines
        lock (_output)
        {
            return new PlaybookRun(_process.ExitCode, _output.ToString(), _clock.Elapsed);
        }
    }

    /// <summary>What the play printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
