using Leapfrog.Core.Catalog;

namespace Leapfrog.Engine;

/// <summary>A validated backup, restore or probe of one service's databases.</summary>
public sealed record BackupRequest
{
    /// <summary>What to do.</summary>
    public required BackupAction Action { get; init; }

    /// <summary>The service (its databases and config file come from the catalog).</summary>
    public required ServiceDefinition Service { get; init; }

    /// <summary>The service config whose URLs name the databases and their credentials.</summary>
    public required string ConfigFile { get; init; }

    /// <summary>The service's backup directory on the controller (<c>backup_dir/label/service</c>).</summary>
    public required string Directory { get; init; }

    /// <summary>Backup: how many backup directories to keep under the backup root after this one (0: no retention).</summary>
    public int Keep { get; init; }

    /// <summary>State directory on the controller (state file, lock, option files).</summary>
    public string StateDir { get; init; } = "/var/lib/leapfrog";

    /// <summary>Longest a dump or load may run.</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromHours(2);

    /// <summary>A lock without heartbeat for this long is stale.</summary>
    public TimeSpan LockStaleAfter { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Say what would be done; change nothing.</summary>
    public bool CheckMode { get; init; }

    /// <summary>Known secret values (SSH password, key) masked in everything returned.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>user@host of this run, recorded in the lock.</summary>
    public string Owner { get; init; } = $"{Environment.UserName}@{Environment.MachineName}";
}
