using Leapfrog.Remote.Ssh;
using Polly;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Leapfrog.Remote;

/// <summary>
/// An <see cref="IShell"/> over SSH (SSH.NET): known_hosts checking before authentication, keep-alives,
/// Polly retries for transient connect errors, reconnect after a lost connection.
/// </summary>
public sealed partial class SshShell : IShell
{
    private readonly ShellOptions _options;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _connectPipeline;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly SemaphoreSlim _runLock = new(1, 1);
    private SshSession? _session;
    private readonly List<string> _warnings = [];
    private SshClient? _client;
    private bool _disposed;

    /// <summary>Creates the shell; nothing connects until <see cref="ConnectAsync"/> or <see cref="RunAsync"/>.</summary>
    public SshShell(ShellOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _time = time;
        _connectPipeline = ConnectRetry.Build(options, time);
    }

    /// <inheritdoc/>
    public string Target => _options.Target;

    /// <inheritdoc/>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_warnings)
            {
                return [.. _warnings];
            }
        }
    }

    /// <summary>How many connection attempts the last connect made.</summary>
    public int LastConnectAttempts { get; private set; }

    /// <inheritdoc/>
    public async Task ConnectAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _connectLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_client is { IsConnected: true })
            {
                return;
            }

            DropClient();
            _client = await ConnectWithRetryAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _connectLock.Release();
        }
    }

    /// <summary>Disconnects.</summary>
    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            DropClient();
            _connectLock.Dispose();
            _runLock.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private async Task<SshClient> ConnectWithRetryAsync(CancellationToken ct)
    {
        var methods = SshCredentials.Build(_options);
        var guard = new HostKeyGuard(_options, Warn);
        var attempts = 0;
        try
        {
            return await _connectPipeline.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    LastConnectAttempts = attempts;
                    return await ConnectOnceAsync(methods, guard, token).ConfigureAwait(false);
                },
                ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ConnectRetry.IsTransient(e) && !ct.IsCancellationRequested)
        {
            throw new ShellConnectException(Target, attempts, e);
        }
        catch (Exception e) when (e is SshException or ProxyException && !ct.IsCancellationRequested)
        {
            throw new ShellConnectException(Target, attempts, e);
        }
    }

    private async Task<SshClient> ConnectOnceAsync(AuthenticationMethod[] methods, HostKeyGuard guard, CancellationToken ct)
    {
        var info = new ConnectionInfo(_options.Host, _options.Port, _options.User, methods) { Timeout = _options.ConnectTimeout };
        guard.OrderAlgorithms(info);
        var client = new SshClient(info);
        client.HostKeyReceived += guard.OnHostKey;
        if (_options.KeepAlive > TimeSpan.Zero)
        {
            client.KeepAliveInterval = _options.KeepAlive;
        }

        try
        {
            await client.ConnectAsync(ct).ConfigureAwait(false);
            return client;
        }
        catch (Exception e)
        {
            SshFailure.Quietly(client.Dispose);
            if (guard.Refusal is { } refusal)
            {
                throw refusal;
            }

            if (e is SshAuthenticationException)
            {
                throw new ShellAuthenticationException(
                    $"authentication to {Target} failed: the server refused the credentials ({SshCredentials.Describe(_options)})", e);
            }

            throw;
        }
    }

    private void DropClient()
    {
        DropSession();
        var client = _client;
        _client = null;
        if (client is null)
        {
            return;
        }

        SshFailure.Quietly(() =>
        {
            if (client.IsConnected)
            {
                client.Disconnect();
            }
        });
        SshFailure.Quietly(client.Dispose);
    }

    private void Warn(string message)
    {
        lock (_warnings)
        {
            if (!_warnings.Contains(message))
            {
                _warnings.Add(message);
            }
        }
    }
}
