using System.Text.Json.Nodes;

namespace Leapfrog.Report.Building;

/// <summary>What a report is made from: the module's parameters or the command's options, checked.</summary>
internal sealed record ReportInput
{
    /// <summary>State directories or state files (one per controller, fetched or local).</summary>
    public List<string> State { get; init; } = [];

    /// <summary>The run's hop module results (optional).</summary>
    public List<JsonNode> Results { get; init; } = [];

    /// <summary>Directories holding backup manifests, or manifest files (optional).</summary>
    public List<string> Backups { get; init; } = [];

    /// <summary>The backup directory on the controller, to name the dumps where they are (optional).</summary>
    public string? BackupRoot { get; init; }

    /// <summary>A rehearsal record (optional).</summary>
    public string? Rehearsal { get; init; }

    /// <summary>Where report.html, report.json and report.txt go.</summary>
    public required string OutDir { get; init; }

    public string Title { get; init; } = "Leapfrog upgrade report";
}
