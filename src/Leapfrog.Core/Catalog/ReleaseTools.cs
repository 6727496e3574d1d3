namespace Leapfrog.Core.Catalog;

/// <summary>The tools a service has in one release, as the catalog names them.</summary>
public sealed record ReleaseTools
{
    /// <summary>The tool of the release's schema steps (e.g. <c>nova-manage</c>, <c>neutron-db-manage</c>); null when it has none.</summary>
    public string? Manage { get; init; }

    /// <summary>The release's <c>upgrade_check</c> verify step (e.g. <c>neutron-status ... upgrade check</c>); null when it has none.</summary>
    public StepDefinition? StatusCheck { get; init; }

    /// <summary>The status tool (the status check's first word); null when the release has no status check.</summary>
    public string? Status => StatusCheck?.Argv[0];

    /// <summary>The command that prints the tools' version (the toolbox check); empty when the catalog has none.</summary>
    public required IReadOnlyList<string> VersionArgv { get; init; }
}
