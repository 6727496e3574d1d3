using System.Net.Sockets;
using Polly;
using Polly.Retry;
using Renci.SshNet.Common;
using Renci.SshNet.Messages.Transport;

namespace Leapfrog.Remote.Ssh;

/// <summary>The Polly pipeline for connecting: retries transient network errors only, with exponential backoff.</summary>
internal static class ConnectRetry
{
    /// <summary>Builds the pipeline; <paramref name="options"/> gives attempts and the first delay.</summary>
    public static ResiliencePipeline Build(ShellOptions options, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.ConnectAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsTransient(e)),
                MaxRetryAttempts = options.ConnectAttempts - 1,
                Delay = options.ConnectRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                MaxDelay = TimeSpan.FromSeconds(30),
            });
        }

        return builder.Build();
    }

    /// <summary>
    /// Transient: refused/reset/unreachable sockets, timeouts, and connections dropped during the handshake.
    /// Never authentication, host key, key-exchange negotiation, or name resolution failures.
    /// </summary>
    public static bool IsTransient(Exception e) => e switch
    {
        SocketException s => s.SocketErrorCode is not (SocketError.HostNotFound or SocketError.NoData or SocketError.AddressFamilyNotSupported),
        SshOperationTimeoutException => true,
        SshAuthenticationException => false,
        SshConnectionException c => c.DisconnectReason is DisconnectReason.None or DisconnectReason.ConnectionLost
            or DisconnectReason.ByApplication or DisconnectReason.TooManyConnections or DisconnectReason.ServiceNotAvailable,
        IOException => true,
        TimeoutException => true,
        _ => false,
    };
}
