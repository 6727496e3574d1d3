using System.Globalization;
using System.Text;
using Renci.SshNet;

namespace Leapfrog.Remote.Ssh;

/// <summary>
/// One long-lived <c>/bin/sh</c> on the server, fed scripts over its stdin, one at a time. Starting a
/// new exec channel per script costs a login shell each time (root's shell may source a heavy
/// .bashrc: hundreds of milliseconds); a session pays that once per connection.
/// Request: one line, the script in base64. Answer: one line <c>LFR rc stdout-base64 stderr-base64</c>.
/// Each script runs as <c>/bin/sh -c SCRIPT</c> in its own process, stdin from /dev/null.
/// </summary>
internal sealed class SshSession : IDisposable
{
    private const string Loop = """
        umask 077; t=$(mktemp -d) || exit 70; trap 'rm -rf "$t"' EXIT
        while IFS= read -r line; do
          printf '%s' "$line" | base64 -d > "$t/s" 2>/dev/null
          /bin/sh -c "$(cat "$t/s")" < /dev/null > "$t/o" 2> "$t/e"; rc=$?
          printf 'LFR %s %s %s\n' "$rc" "$(base64 -w0 < "$t/o")" "$(base64 -w0 < "$t/e")"
        done
        """;

    private readonly SshCommand _command;
    private readonly Stream _input;
    private readonly StreamReader _output;
    private readonly Task _execution;

    private SshSession(SshCommand command, string tag)
    {
        _command = command;
        Tag = tag;
        _execution = command.ExecuteAsync(CancellationToken.None);
        _ = _execution.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        _input = command.CreateInputStream();
        _output = new StreamReader(command.OutputStream, Encoding.ASCII);
    }

    /// <summary>The tag in the session shell's argv, for killing its process tree.</summary>
    public string Tag { get; }

    /// <summary>Starts the session shell (under <c>sudo -n</c> when <paramref name="become"/>).</summary>
    public static SshSession Start(SshClient client, bool become)
    {
        var tag = RunTag.New();
        var argv = ShellScript.Argv(Loop, become).Append(tag);
        return new SshSession(client.CreateCommand(ShellQuote.Join(argv)), tag);
    }

    /// <summary>Sends <paramref name="script"/> and reads its answer; null when the session ended (connection or shell gone).</summary>
    public async Task<ShellResult?> RunAsync(string script)
    {
        var request = Encoding.ASCII.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(script)) + "\n");
        await _input.WriteAsync(request).ConfigureAwait(false);
        await _input.FlushAsync().ConfigureAwait(false);
        var line = await _output.ReadLineAsync().ConfigureAwait(false);
        if (line is null)
        {
            return null;
        }

        var parts = line.Split(' ');
        if (parts.Length != 4 || parts[0] != "LFR" || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var rc))
        {
            throw new IOException("the session shell answered out of protocol");
        }

        return new ShellResult(rc, Decode(parts[2]), Decode(parts[3]));
    }

    /// <summary>
    /// After <see cref="RunAsync"/> returned null: how the session shell ended, when the connection is still up
    /// (e.g. <c>sudo -n</c> refused): its exit code and stderr. Null when it did not end within a second, or
    /// ended without an exit status or signal from the server: a channel closed under a dropped connection
    /// (SSH.NET may close it before it notices the connection is gone) is a lost connection, not an exit code.
    /// </summary>
    public async Task<ShellResult?> EndedAsync()
    {
        if (await Task.WhenAny(_execution, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false) != _execution
            || _execution.IsFaulted
            || (_command.ExitStatus is null && _command.ExitSignal is null))
        {
            return null;
        }

        return new ShellResult(SshExit.Code(_command.ExitStatus, _command.ExitSignal), "", _command.Error);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        SshFailure.Quietly(_input.Dispose);
        SshFailure.Quietly(_output.Dispose);
        SshFailure.Quietly(_command.Dispose);
    }

    private static string Decode(string b64) => Encoding.UTF8.GetString(Convert.FromBase64String(b64));
}
