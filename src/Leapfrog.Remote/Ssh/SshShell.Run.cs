using Leapfrog.Core;
using Leapfrog.Remote.Ssh;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Leapfrog.Remote;

/// <summary>Running scripts.</summary>
public sealed partial class SshShell
{
    /// <inheritdoc/>
    public async Task<ShellResult> RunAsync(string script, TimeSpan timeout, CancellationToken ct = default)
    {
        var commandLine = CommandLine(script, _options.Become);
        await ConnectAsync(ct).ConfigureAwait(false);
        var client = _client ?? throw new ShellConnectionLostException(Target);
        using var timeoutCts = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeoutCts.Token);
        SshCommand command;
        try
        {
            command = client.CreateCommand(commandLine);
        }
        catch (Exception e) when (IsConnectionLoss(e))
        {
            Invalidate(client);
            throw new ShellConnectionLostException(Target, e);
        }

        using (command)
        {
            try
            {
                await command.ExecuteAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeoutCts.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                throw new ShellTimeoutException(Target, timeout);
            }
            catch (Exception e) when (IsConnectionLoss(e))
            {
                Invalidate(client);
                throw new ShellConnectionLostException(Target, e);
            }

            return new ShellResult(SshExit.Code(command.ExitStatus, command.ExitSignal), command.Result, command.Error);
        }
    }

    /// <summary>The command line sent to the server: <c>[sudo -n] /bin/sh -c 'script'</c>.</summary>
    /// <exception cref="InvalidRequestException">The script contains NUL.</exception>
    internal static string CommandLine(string script, bool become) => ShellQuote.Join(ShellScript.Argv(script, become));

    /// <summary>Forgets a client whose connection failed, so the next call reconnects even if SSH.NET has not noticed yet.</summary>
    private void Invalidate(SshClient client)
    {
        if (Interlocked.CompareExchange(ref _client, null, client) == client)
        {
            client.Dispose();
        }
    }

    private static bool IsConnectionLoss(Exception e) =>
        e is SshConnectionException or System.Net.Sockets.SocketException or IOException or ObjectDisposedException
            or SshOperationTimeoutException
        || (e is SshException && e is not SshAuthenticationException);
}
