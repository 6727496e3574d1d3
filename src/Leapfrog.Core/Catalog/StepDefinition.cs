using System.Text.Json.Serialization;

namespace Leapfrog.Core.Catalog;

/// <summary>
/// One command of one service, valid for a range of releases. <see cref="Argv"/> may hold the
/// placeholders <c>{config_file}</c>, <c>{batch}</c> and, in a cell step, <c>{cell_config}</c>.
/// </summary>
public sealed record StepDefinition
{
    /// <summary>Step name, unique per service and kind within a release (e.g. <c>expand</c>).</summary>
    public required string Name { get; init; }

    /// <summary>What the step is for.</summary>
    public required StepKind Kind { get; init; }

    /// <summary>The command; the first element is the tool.</summary>
    public required IReadOnlyList<string> Argv { get; init; }

    /// <summary>First release (any spelling) where the command exists; null: since the service exists.</summary>
    public string? Since { get; init; }

    /// <summary>Last release where it exists; null: still current.</summary>
    public string? Until { get; init; }

    /// <summary>Exit code (as text, JSON keys) to meaning. Codes not listed mean <see cref="ExitMeaning.Error"/>.</summary>
    public required IReadOnlyDictionary<string, ExitMeaning> ExitCodes { get; init; }

    /// <summary>
    /// Runs only on the last hop of a chain (the hop module's <c>final_hop</c>): e.g. cinder's <c>db sync --bump-versions</c>,
    /// which moves the services table to the release the cloud ends at, not one it passes through.
    /// </summary>
    public bool FinalHop { get; init; }

    /// <summary>Where upstream defines the command and its exit codes.</summary>
    public string? Source { get; init; }

    /// <summary>Free text for operators.</summary>
    public string? Note { get; init; }

    /// <summary>What exit code <paramref name="rc"/> means for this step.</summary>
    public ExitMeaning Meaning(int rc) =>
        ExitCodes.TryGetValue(rc.ToString(System.Globalization.CultureInfo.InvariantCulture), out var m) ? m : ExitMeaning.Error;

    /// <summary>The argv with placeholders filled; <paramref name="cellConfig"/> fills <c>{cell_config}</c> (cell steps).</summary>
    public IReadOnlyList<string> Render(string configFile, int batch, string? cellConfig = null) =>
        Argv.Select(a => a
            .Replace("{config_file}", configFile, StringComparison.Ordinal)
            .Replace("{cell_config}", cellConfig ?? "{cell_config}", StringComparison.Ordinal)
            .Replace("{batch}", batch.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
            .ToList();

    /// <summary>True when the step's argv has a <c>{batch}</c> placeholder.</summary>
    [JsonIgnore]
    public bool Batched => Argv.Any(a => a.Contains("{batch}", StringComparison.Ordinal));
}
