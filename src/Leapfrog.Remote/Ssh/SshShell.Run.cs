using Leapfrog.Core;
using Leapfrog.Remote.Ssh;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Leapfrog.Remote;

/// <summary>Running scripts.</summary>
public sealed partial class SshShell
{
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(5);

    /// <inheritdoc/>
    public async Task<ShellResult> RunAsync(string script, TimeSpan timeout, CancellationToken ct = default)
    {
        ShellScript.Argv(script, become: false); // refuses NUL before anything is sent
        await ConnectAsync(ct).ConfigureAwait(false);
        await _runLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var client = _client ?? throw new ShellConnectionLostException(Target);
            SshSession session;
            try
            {
                session = _session ??= SshSession.Start(client, _options.Become);
            }
            catch (Exception e) when (SshFailure.IsConnectionLoss(e))
            {
                Invalidate(client);
                throw new ShellConnectionLostException(Target, e);
            }

            var run = session.RunAsync(script);
            var finished = await Task.WhenAny(run, Task.Delay(timeout, _time, ct)).ConfigureAwait(false);
            if (finished != run)
            {
                // Timed out or cancelled: kill the session's process tree (detached, setsid'd work survives) and start afresh next time.
                await KillSessionAsync(client, session.Tag).ConfigureAwait(false);
                DropSession();
                _ = run.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                ct.ThrowIfCancellationRequested();
                throw new ShellTimeoutException(Target, timeout);
            }

            try
            {
                if (await run.ConfigureAwait(false) is { } result)
                {
                    return result;
                }

                // The session shell ended while the connection stayed up (sudo refused, shell killed): report it as the script's result.
                if (client.IsConnected && await session.EndedAsync().ConfigureAwait(false) is { } ended && client.IsConnected)
                {
                    DropSession();
                    return ended;
                }

                throw new ShellConnectionLostException(Target);
            }
            catch (Exception e) when (SshFailure.IsConnectionLoss(e))
            {
                Invalidate(client);
                throw new ShellConnectionLostException(Target, e);
            }
        }
        catch (ShellConnectionLostException)
        {
            DropSession();
            throw;
        }
        finally
        {
            _runLock.Release();
        }
    }

    /// <summary>
    /// The command line sent to the server: <c>[sudo -n] /bin/sh -c '/bin/sh -c "$1" &lt;/dev/null; exit $?' TAG 'script'</c>.
    /// The outer shell carries the run's tag in its argv so a cancelled or timed-out run can be found and its whole
    /// SSH session (process tree) killed; the script itself runs as <c>/bin/sh -c script</c> with stdin from /dev/null (a prompt gets end-of-file instead of hanging).
    /// </summary>
    /// <exception cref="InvalidRequestException">The script contains NUL.</exception>
    internal static string CommandLine(string script, bool become, string tag)
    {
        var inner = ShellScript.Argv(script, become: false)[2];
        return ShellQuote.Join(ShellScript.Argv("/bin/sh -c \"$1\" </dev/null; exit $?", become).Append(tag).Append(inner));
    }

    /// <summary>
    /// Kills every process of the SSH session that runs the tagged command (best effort, on a new channel).
    /// Needed because OpenSSH refuses channel signals for root sessions, and a signal would miss the script's children.
    /// </summary>
    private async Task KillSessionAsync(SshClient client, string tag)
    {
        var kill = $"p=$(pgrep -o -f {ShellQuote.Quote(RunTag.Pattern(tag))}) && s=$(ps -o sid= -p \"$p\") && pkill -KILL -s $s";
        try
        {
            using var killer = client.CreateCommand(CommandLine(kill, _options.Become, RunTag.New()));
            using var cts = new CancellationTokenSource(KillTimeout, _time);
            await killer.ExecuteAsync(cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException || SshFailure.IsConnectionLoss(e))
        {
            Warn($"could not stop a cancelled command on {Target}: {e.Message}");
        }
    }

    private void DropSession()
    {
        var session = Interlocked.Exchange(ref _session, null);
        session?.Dispose();
    }

    /// <summary>Forgets a client whose connection failed, so the next call reconnects even if SSH.NET has not noticed yet.</summary>
    private void Invalidate(SshClient client)
    {
        DropSession();
        if (Interlocked.CompareExchange(ref _client, null, client) == client)
        {
            SshFailure.Quietly(client.Dispose);
        }
    }
}
