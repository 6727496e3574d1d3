using Leapfrog.Testing;

namespace Leapfrog.Engine.Tests;

/// <summary>
/// An sshd whose sessions find a stand-in <c>mariadb-dump</c> first on PATH: it logs each start (pid, argv, the mode of
/// its option file) to its own log, waits while <see cref="Slow"/> says so, then runs the real mariadb-dump. Its log
/// is the tool side's evidence of how many dumps ran.
/// </summary>
public sealed class StandInDump : IDisposable
{
    public StandInDump()
    {
        Dir = Path.Combine(Path.GetTempPath(), "lf-dump-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(Dir, "bin"));
        var real = Proc.Run("/bin/sh", ["-c", "command -v mariadb-dump || command -v mysqldump"]).Stdout.Trim();
        var script = Path.Combine(Dir, "bin", "mariadb-dump");
        File.WriteAllText(script, $"""
            #!/bin/sh
            cnf=$(printf '%s' "$1" | sed 's/^--defaults-extra-file=//')
            echo "$$ $(stat -c %a "$cnf") $*" >> '{Log}'
            if [ -f '{SlowFile}' ]; then sleep "$(cat '{SlowFile}')"; fi
            exec '{real}' "$@"

            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Ssh = new SshServer(new Dictionary<string, string> { ["SESSION_PATH"] = $"{Path.Combine(Dir, "bin")}:{Environment.GetEnvironmentVariable("PATH")}" });
    }

    public string Dir { get; }

    public SshServer Ssh { get; }

    public string Log => Path.Combine(Dir, "dump.log");

    private string SlowFile => Path.Combine(Dir, "slow");

    /// <summary>Each dump waits this many seconds before it starts (0: none).</summary>
    public int Slow
    {
        set
        {
            if (value > 0)
            {
                File.WriteAllText(SlowFile, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                File.Delete(SlowFile);
            }
        }
    }

    /// <summary>The logged dump starts: (pid, option file mode, argv).</summary>
    public IReadOnlyList<string> Starts(string database) =>
        !File.Exists(Log) ? [] : File.ReadAllLines(Log).Where(l => l.Split(' ').Last() == database).ToList();

    public void Dispose()
    {
        Ssh.Dispose();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
