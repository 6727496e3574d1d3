using Leapfrog.Remote.KnownHosts;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Leapfrog.Remote.Ssh;

/// <summary>
/// Checks the host key during key exchange (before authentication) against known_hosts, per the checking mode.
/// A refusal is kept in <see cref="Refusal"/> and SSH.NET aborts the handshake.
/// </summary>
internal sealed class HostKeyGuard
{
    private readonly ShellOptions _options;
    private readonly KnownHostsFile? _knownHosts;
    private readonly Action<string> _warn;
    private byte[]? _accepted;

    /// <summary>Loads known_hosts (not read when checking is off).</summary>
    /// <exception cref="KnownHostsFormatException">A line is malformed.</exception>
    public HostKeyGuard(ShellOptions options, Action<string> warn)
    {
        _options = options;
        _warn = warn;
        _knownHosts = options.HostKeyChecking == HostKeyChecking.Off ? null : KnownHostsFile.Load(options.KnownHostsFile);
    }

    /// <summary>Why the last handshake was refused, or null.</summary>
    public Exception? Refusal { get; private set; }

    /// <summary>Puts host key algorithms of the key types known for this host first (as OpenSSH does); drops certificate algorithms.</summary>
    public void OrderAlgorithms(ConnectionInfo info)
    {
        var known = _knownHosts?.KnownKeyTypes(_options.Host, _options.Port) ?? new HashSet<string>();
        var all = info.HostKeyAlgorithms.ToList();
        info.HostKeyAlgorithms.Clear();
        foreach (var pair in all.Where(p => !IsCertificate(p.Key)).OrderBy(p => known.Contains(KeyTypeOf(p.Key)) ? 0 : 1))
        {
            info.HostKeyAlgorithms.Add(pair.Key, pair.Value);
        }
    }

    /// <summary>SSH.NET's HostKeyReceived handler.</summary>
    public void OnHostKey(object? sender, HostKeyEventArgs e)
    {
        Refusal = null;
        var blob = e.HostKey;
        var type = SshFingerprint.TypeOf(blob) ?? e.HostKeyName;
        var fingerprint = SshFingerprint.Of(blob);
        var host = _options.Host;
        var port = _options.Port;
        if (_knownHosts is null)
        {
            _warn($"host key checking is off: accepted {type} {fingerprint} from {host}:{port} without verification");
            e.CanTrust = true;
            return;
        }

        var file = _knownHosts.Path;
        var verdict = _accepted is not null && _accepted.AsSpan().SequenceEqual(blob)
            ? new HostKeyVerdict(HostKeyVerdictKind.Trusted, [])
            : _knownHosts.Check(host, port, blob);
        switch (verdict.Kind)
        {
            case HostKeyVerdictKind.Trusted:
                e.CanTrust = true;
                return;
            case HostKeyVerdictKind.Unknown when _options.HostKeyChecking == HostKeyChecking.AcceptNew:
                if (!TryAppend(file, host, port, blob))
                {
                    break;
                }

                _warn($"accepted new host key for {host}:{port}: {type} {fingerprint} (added to {file})");
                e.CanTrust = true;
                return;
            case HostKeyVerdictKind.Unknown:
                Refusal = new UnknownHostKeyException(host, port, type, fingerprint, file);
                break;
            case HostKeyVerdictKind.Revoked:
                Refusal = new HostKeyRevokedException(host, port, type, fingerprint, file);
                break;
            default:
                Refusal = new HostKeyMismatchException(host, port, type, verdict.Expected, fingerprint, file);
                break;
        }

        e.CanTrust = false;
    }

    private bool TryAppend(string file, string host, int port, byte[] blob)
    {
        try
        {
            KnownHostsWriter.Append(file, host, port, blob);
            _accepted = blob;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            Refusal = new KnownHostsWriteException(file, host, port, e);
            return false;
        }
    }

    private static bool IsCertificate(string algorithm) => algorithm.Contains("-cert-", StringComparison.Ordinal);

    private static string KeyTypeOf(string algorithm) => algorithm is "rsa-sha2-256" or "rsa-sha2-512" ? "ssh-rsa" : algorithm;
}
