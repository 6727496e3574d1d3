namespace Leapfrog.Engine;

/// <summary>What a backup module run does.</summary>
public enum BackupAction
{
    /// <summary>Connect to each database and measure it; change nothing.</summary>
    Probe,

    /// <summary>Dump each database (once: a complete backup already there is kept).</summary>
    Backup,

    /// <summary>Load a backup's dumps back and put the state file back as it was.</summary>
    Restore,
}
