using CliWrap;
using CliWrap.Buffered;

namespace Leapfrog.Remote;

/// <summary>An <see cref="IShell"/> on this machine (transport: local), through CliWrap. Same script contract as <see cref="SshShell"/>.</summary>
public sealed class LocalShell : IShell
{
    private readonly bool _become;
    private readonly TimeProvider _time;

    /// <summary>Creates the shell; <paramref name="become"/> runs scripts under <c>sudo -n</c>.</summary>
    public LocalShell(bool become, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _become = become;
        _time = time;
    }

    /// <inheritdoc/>
    public string Target => "local";

    /// <inheritdoc/>
    public IReadOnlyList<string> Warnings => [];

    /// <inheritdoc/>
    public Task ConnectAsync(CancellationToken ct = default) => Task.CompletedTask;

    /// <inheritdoc/>
    public async Task<ShellResult> RunAsync(string script, TimeSpan timeout, CancellationToken ct = default)
    {
        var argv = ShellScript.Argv(script, _become);
        var command = Cli.Wrap(argv[0])
            .WithArguments(argv[1..])
            .WithValidation(CommandResultValidation.None);
        using var timeoutCts = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeoutCts.Token);
        try
        {
            var result = await command.ExecuteBufferedAsync(linked.Token).ConfigureAwait(false);
            return new ShellResult(result.ExitCode, result.StandardOutput, result.StandardError);
        }
        catch (OperationCanceledException) when (timeoutCts.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new ShellTimeoutException(Target, timeout);
        }
    }

    /// <summary>Nothing to release.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
