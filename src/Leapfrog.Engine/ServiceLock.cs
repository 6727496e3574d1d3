using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Leapfrog.Engine;

/// <summary>
/// The per-service lock on the controller (<c>state_dir/SERVICE.lock</c>), taken by every run that changes the service's
/// databases: a hop, a backup, a restore. One holder at a time; a stale lock (no heartbeat for <c>lock_stale_after</c>,
/// or a holder of this machine whose process is gone) is taken over with a warning.
/// </summary>
internal sealed class ServiceLock
{
    private readonly Controller _controller;
    private readonly string _service;
    private readonly string _lockDir;
    private readonly TimeSpan _staleAfter;
    private readonly Action<string> _warn;

    public ServiceLock(Controller controller, string service, string lockDir, TimeSpan staleAfter, Action<string> warn)
    {
        _controller = controller;
        _service = service;
        _lockDir = lockDir;
        _staleAfter = staleAfter;
        _warn = warn;
    }

    /// <summary>Takes the lock for <paramref name="work"/> (a hop: <c>victoria -> wallaby</c>; else what the run does).</summary>
    /// <exception cref="ControllerException">Another live run holds it.</exception>
    public async Task<LockOwner> AcquireAsync(string owner, string work, string started, CancellationToken ct)
    {
        var me = new LockOwner
        {
            RunId = Guid.NewGuid().ToString("n"),
            Owner = owner,
            Host = Environment.MachineName,
            Pid = Environment.ProcessId,
            PidSpace = PidSpace,
            Started = started,
            Hop = work,
        };
        var ownerJson = JsonSerializer.Serialize(me, StateJsonContext.Default.LockOwner);
        var answer = await _controller.RunCheckedAsync(Scripts.Lock(_lockDir, ownerJson), "taking the lock", ct).ConfigureAwait(false);
        var lines = answer.Split('\n', 2);
        if (lines[0].Trim() == "acquired")
        {
            return me;
        }

        var age = int.TryParse(lines[0].Trim().Split(' ').Last(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var a) ? a : 0;
        var seen = lines.Length > 1 ? lines[1].TrimEnd('\n') : "";
        var holder = Owner(seen); // an unreadable owner file counts as stale once its heartbeat is old

        if (holder?.RunId == me.RunId)
        {
            return me; // our own lock, taken before a dropped connection made us retry
        }

        var who = Who(holder);

        // The holder's pid says whether it is gone only when it names a process of this very pid space: two
        // machines (or containers) may share a host name, and a pid that is free here may be alive there.
        var deadHere = holder is not null && PidSpace is not null && holder.PidSpace == PidSpace
                       && holder.Host == Environment.MachineName && !Alive(holder.Pid);
        if (!deadHere && age < _staleAfter.TotalSeconds)
        {
            throw new ControllerException(
                $"{_service} is locked by {who}: another leapfrog run is migrating this database ({_lockDir} on {_controller.Target}, heartbeat {age} s ago); " +
                $"wait for it, or remove the lock if that run is gone");
        }

        var took = await _controller.RunCheckedAsync(Scripts.TakeOver(_lockDir, seen, ownerJson), "taking over a stale lock", ct).ConfigureAwait(false);
        var tookLines = took.Split('\n', 2);
        if (tookLines[0].Trim() != "acquired")
        {
            throw new ControllerException(
                $"{_service} is locked by {Who(Owner(tookLines.Length > 1 ? tookLines[1] : ""))}: another run took over the stale lock at the same moment " +
                $"({_lockDir} on {_controller.Target}); it is migrating this database now");
        }

        _warn($"took over a stale lock on {_service} held by {who}: {(deadHere ? "that process is gone" : $"no heartbeat for {age} s")}");
        return me;
    }

    /// <summary>Releases the lock when <paramref name="owner"/> still holds it (a failure is a warning: the next run takes it over once stale).</summary>
    public async Task ReleaseAsync(LockOwner owner)
    {
        try
        {
            await _controller.RunAsync(Scripts.Unlock(_lockDir, owner.RunId), TimeSpan.FromSeconds(30), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Core.LeapfrogException ex)
        {
            _warn($"could not release the lock {_lockDir}: {ex.Message}; the next run takes it over once it is stale");
        }
    }

    /// <summary>
    /// This machine's pid space: its boot id and this process's pid namespace. A pid names the same process only
    /// where both match (null when /proc does not tell: then no holder is judged by its pid).
    /// </summary>
    private static readonly string? PidSpace = ReadPidSpace();

    private static string? ReadPidSpace()
    {
        try
        {
            var boot = File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
            var ns = new FileInfo("/proc/self/ns/pid").LinkTarget;
            return boot.Length > 0 && ns is { Length: > 0 } ? $"{boot} {ns}" : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static LockOwner? Owner(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json.TrimEnd('\n'), StateJsonContext.Default.LockOwner);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The holder as messages name it; a hop's work is <c>FROM -> TO</c>, a backup's or restore's says what it does.</summary>
    internal static string Who(LockOwner? holder) =>
        holder is null ? "an unknown holder" : $"{holder.Owner} (pid {holder.Pid} on {holder.Host}, since {holder.Started}, {Work(holder.Hop)})";

    private static string Work(string? work) =>
        work is null || work.StartsWith("backup", StringComparison.Ordinal) || work.StartsWith("restore", StringComparison.Ordinal) ? work ?? "hop" : $"hop {work}";

    private static bool Alive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
