using System.Globalization;

namespace Leapfrog.Testing;

/// <summary>
/// Cuts live SSH connections to a local sshd the way a network drop does, one client at a time: it finds, in
/// /proc/net/tcp, the established connections to the sshd's port held by the chosen client processes, and
/// SIGKILLs the sshd processes serving them. The listener stays up (the client can reconnect); commands the
/// sessions started are not killed; other clients' connections (e.g. Ansible's own ssh) are left alone.
/// </summary>
public static class SshCut
{
    /// <summary>
    /// Cuts every connection to 127.0.0.1:<paramref name="sshPort"/> held by a client process for which
    /// <paramref name="isClient"/> (given its pid) is true.
    /// </summary>
    /// <returns>The pids of the sshd processes killed (empty when no such connection was open).</returns>
    public static IReadOnlyList<int> ConnectionsOf(int sshPort, Func<int, bool> isClient)
    {
        var sockets = Established();
        var owners = SocketOwners();
        var clientPorts = sockets
            .Where(s => s.RemotePort == sshPort && owners.TryGetValue(s.Inode, out var pids) && pids.Any(isClient))
            .Select(s => s.LocalPort)
            .ToHashSet();
        var killed = sockets
            .Where(s => s.LocalPort == sshPort && clientPorts.Contains(s.RemotePort))
            .SelectMany(s => owners.TryGetValue(s.Inode, out var pids) ? pids : [])
            .Where(p => SshProcess.CommOf(p) is "sshd" or "sshd-session" or "sshd-auth")
            .Distinct()
            .ToList();
        foreach (var pid in killed)
        {
            SshProcess.Kill(pid);
        }

        return killed;
    }

    /// <summary>The command line of a process, its arguments joined by spaces ("" when it is gone).</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>Established TCP sockets (IPv4, and IPv6 for dual-stack clients): local port, remote port, inode.</summary>
    private static List<(int LocalPort, int RemotePort, long Inode)> Established()
    {
        var list = new List<(int, int, long)>();
        foreach (var line in new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists).SelectMany(f => File.ReadAllLines(f).Skip(1)))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 10 || f[3] != "01")
            {
                continue;
            }

            list.Add((Port(f[1]), Port(f[2]), long.Parse(f[9], CultureInfo.InvariantCulture)));
        }

        return list;
    }

    private static int Port(string address) => int.Parse(address[(address.IndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>Socket inode to the pids that hold it open, from every /proc/PID/fd link.</summary>
    private static Dictionary<long, List<int>> SocketOwners()
    {
        var owners = new Dictionary<long, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                foreach (var fd in Directory.EnumerateFiles(Path.Combine(dir, "fd")))
                {
                    var target = new FileInfo(fd).LinkTarget;
                    if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)
                        && long.TryParse(target[8..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var inode))
                    {
                        if (!owners.TryGetValue(inode, out var pids))
                        {
                            owners[inode] = pids = [];
                        }

                        pids.Add(pid);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return owners;
    }
}
