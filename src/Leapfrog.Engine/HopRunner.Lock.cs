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
        LockOwner? holder = null;
        try
        {
            holder = JsonSerializer.Deserialize(seen, StateJsonContext.Default.LockOwner);
        }
        catch (JsonException)
        {
            // An unreadable owner file counts as stale once its heartbeat is old.
        }

        if (holder?.RunId == owner.RunId)
        {
            return owner; // our own lock, taken before a dropped connection made us retry
        }

        var who = holder is null ? "an unknown holder" : $"{holder.Owner} (pid {holder.Pid} on {holder.Host}, since {holder.Started}, hop {holder.Hop})";
        var deadHere = holder is not null && holder.Host == Environment.MachineName && !Alive(holder.Pid);
        if (!deadHere && age < _request.LockStaleAfter.TotalSeconds)
        {
            throw new ControllerException(
                $"{Svc} is locked by {who}: another leapfrog run is migrating this database ({LockDir} on {_controller.Target}, heartbeat {age} s ago); " +
                $"wait for it, or remove the lock if that run is gone");
        }

        var took = await _controller.RunCheckedAsync(Scripts.TakeOver(LockDir, seen, ownerJson), "taking over a stale lock", ct).ConfigureAwait(false);
        if (took.Trim() != "acquired")
        {
            throw new ControllerException($"{Svc} is locked: another run took the lock at the same moment ({LockDir} on {_controller.Target})");
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
