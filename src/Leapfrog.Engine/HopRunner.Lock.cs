using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Leapfrog.Engine;

/// <summary>The per-service lock on the controller.</summary>
public sealed partial class HopRunner
{
    private async Task<LockOwner> LockAsync(CancellationToken ct)
    {
        var owner = new LockOwner
        {
            RunId = Guid.NewGuid().ToString("n"),
            Owner = _request.Owner,
            Host = Environment.MachineName,
            Pid = Environment.ProcessId,
            PidSpace = PidSpace,
            Started = Now(),
            Hop = _request.Name,
        };
        var ownerJson = JsonSerializer.Serialize(owner, StateJsonContext.Default.LockOwner);
        var answer = await _controller.RunCheckedAsync(Scripts.Lock(LockDir, ownerJson), "taking the lock", ct).ConfigureAwait(false);
        var lines = answer.Split('\n', 2);
        if (lines[0].Trim() == "acquired")
        {
            return owner;
        }

        var age = int.TryParse(lines[0].Trim().Split(' ').Last(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var a) ? a : 0;
        var seen = lines.Length > 1 ? lines[1].TrimEnd('\n') : "";
        var holder = Owner(seen); // an unreadable owner file counts as stale once its heartbeat is old

        if (holder?.RunId == owner.RunId)
        {
            return owner; // our own lock, taken before a dropped connection made us retry
        }

        var who = Who(holder);

        // The holder's pid says whether it is gone only when it names a process of this very pid space: two
        // machines (or containers) may share a host name, and a pid that is free here may be alive there.
        var deadHere = holder is not null && PidSpace is not null && holder.PidSpace == PidSpace
                       && holder.Host == Environment.MachineName && !Alive(holder.Pid);
        if (!deadHere && age < _request.LockStaleAfter.TotalSeconds)
        {
            throw new ControllerException(
                $"{Svc} is locked by {who}: another leapfrog run is migrating this database ({LockDir} on {_controller.Target}, heartbeat {age} s ago); " +
                $"wait for it, or remove the lock if that run is gone");
        }

        var took = await _controller.RunCheckedAsync(Scripts.TakeOver(LockDir, seen, ownerJson), "taking over a stale lock", ct).ConfigureAwait(false);
        var tookLines = took.Split('\n', 2);
        if (tookLines[0].Trim() != "acquired")
        {
            throw new ControllerException(
                $"{Svc} is locked by {Who(Owner(tookLines.Length > 1 ? tookLines[1] : ""))}: another run took over the stale lock at the same moment " +
                $"({LockDir} on {_controller.Target}); it is migrating this database now");
        }

        _warnings.Add($"took over a stale lock on {Svc} held by {who}: {(deadHere ? "that process is gone" : $"no heartbeat for {age} s")}");
        return owner;
    }

    private async Task UnlockAsync(LockOwner owner)
    {
        try
        {
            await _controller.RunAsync(Scripts.Unlock(LockDir, owner.RunId), TimeSpan.FromSeconds(30), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Core.LeapfrogException ex)
        {
            _warnings.Add($"could not release the lock {LockDir}: {ex.Message}; the next run takes it over once it is stale");
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

    private static string Who(LockOwner? holder) =>
        holder is null ? "an unknown holder" : $"{holder.Owner} (pid {holder.Pid} on {holder.Host}, since {holder.Started}, hop {holder.Hop})";

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
