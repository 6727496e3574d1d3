namespace Leapfrog.Engine;

/// <summary>Where the latest run of a step's unit directory on the controller stands (<see cref="Scripts.Status"/>'s answer).</summary>
internal enum UnitStatus
{
    /// <summary>No run was started.</summary>
    None,

    /// <summary>The latest run ended with an exit status.</summary>
    Done,

    /// <summary>The latest run is still running: re-attach to it.</summary>
    Running,

    /// <summary>The latest run vanished without an exit status (controller rebooted or process killed).</summary>
    Lost,
}
