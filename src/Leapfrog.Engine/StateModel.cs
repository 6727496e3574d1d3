using Leapfrog.Core.Outcomes;
using System.Text.Json.Serialization;

namespace Leapfrog.Engine;

/// <summary>The state file of one service on the controller: where its database stands and what ran.</summary>
public sealed record ServiceState
{
    /// <summary>Format version of this file.</summary>
    public int Format { get; init; } = 1;

    /// <summary>Service name.</summary>
    public required string Service { get; init; }

    /// <summary>Release the database is at (canonical id), once a hop finished; null before.</summary>
    public string? Release { get; init; }

    /// <summary>When the file was last written (UTC, ISO 8601).</summary>
    public string? Updated { get; init; }

    /// <summary>Every hop run, oldest first; the last may be running or failed.</summary>
    public List<HopRecord> Hops { get; init; } = [];
}

/// <summary>One hop run for one service.</summary>
public sealed record HopRecord
{
    /// <summary>Identifies the run's directory under <c>runs/&lt;service&gt;/</c>.</summary>
    public required string RunId { get; init; }

    /// <summary>Release the hop starts from.</summary>
    public required string From { get; init; }

    /// <summary>Release the hop goes to.</summary>
    public required string To { get; init; }

    /// <summary>Start time (UTC, ISO 8601).</summary>
    public required string Started { get; init; }

    /// <summary>End time, when ended.</summary>
    public string? Finished { get; init; }

    /// <summary>Where the hop run stands.</summary>
    public required HopStatus Outcome { get; init; }

    /// <summary>Why it failed.</summary>
    public string? Message { get; init; }

    /// <summary>Each step's outcome.</summary>
    public List<StepRecord> Steps { get; init; } = [];

    /// <summary>Each cell run on its own (nova's cells v2 other than cell0 and the service's own), as it ended.</summary>
    public List<CellRecord> Cells { get; init; } = [];
}

/// <summary>What one step did, as the state file keeps it: the projection of a <see cref="StepReport"/> made by <see cref="Of"/>.</summary>
public sealed record StepRecord
{
    /// <summary>
    /// The state file's record of <paramref name="step"/>: the one place a step result becomes a state record (the result's
    /// output, error and meaning stay in the module result; the state keeps what a rerun and the report need).
    /// </summary>
    public static StepRecord Of(StepReport step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new StepRecord
        {
            Name = $"{step.Kind.Name()}:{step.Name}",
            Command = step.Command,
            Rc = step.Rc,
            Outcome = step.Outcome,
            DurationS = step.DurationS,
            Runs = step.Attempts,
            Started = step.Started,
        };
    }

    /// <summary>kind:name, e.g. <c>schema:expand</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The command (argv joined, secrets removed).</summary>
    public required string Command { get; init; }

    /// <summary>Last exit code.</summary>
    public int? Rc { get; init; }

    /// <summary>How it ended.</summary>
    public required StepOutcome Outcome { get; init; }

    /// <summary>Seconds the step's runs took, summed.</summary>
    public double DurationS { get; init; }

    /// <summary>How many times the command was started (attempts, or batches for data migrations).</summary>
    public int Runs { get; init; }

    /// <summary>When the last module run started the step (UTC, ISO 8601); null when it did not run (the report's timeline).</summary>
    public string? Started { get; init; }
}

/// <summary>Who holds a service's lock.</summary>
public sealed record LockOwner
{
    /// <summary>The holder's run id.</summary>
    public required string RunId { get; init; }

    /// <summary>user@host of the holder.</summary>
    public required string Owner { get; init; }

    /// <summary>Host the holding module runs on.</summary>
    public required string Host { get; init; }

    /// <summary>Process id of the holding module.</summary>
    public required int Pid { get; init; }

    /// <summary>Boot id and pid namespace of the holding module: <see cref="Pid"/> names a process only there.</summary>
    public string? PidSpace { get; init; }

    /// <summary>When it took the lock (UTC, ISO 8601).</summary>
    public required string Started { get; init; }

    /// <summary>The hop it runs.</summary>
    public string? Hop { get; init; }
}

/// <summary>Why a state file could not be read, for an operator: the value not understood and where, or only that it is corrupt.</summary>
internal static class StateFileError
{
    /// <summary>The message for <paramref name="file"/> on <paramref name="target"/>, which failed to parse with <paramref name="ex"/>.</summary>
    public static string Describe(string file, string target, Exception ex) => ex is WireValueException { Path: var path }
        ? $"the state file {file} on {target} cannot be read: {ex.Message} at {path ?? "$"} (written by another leapfrog version, or edited?); " +
          "move it aside and rerun with from_release set to where the database is"
        : $"the state file {file} on {target} is corrupt ({ex.GetType().Name}); move it aside and rerun with from_release set to where the database is";
}

/// <summary>Source-generated JSON for the state files (Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ServiceState))]
[JsonSerializable(typeof(LockOwner))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
