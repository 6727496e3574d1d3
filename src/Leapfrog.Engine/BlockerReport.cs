using System.Text.Json.Serialization;
using Leapfrog.Core.Outcomes;

namespace Leapfrog.Engine;

/// <summary>A known blocker the hop's pre-check found (or could not check), with what to do about it.</summary>
public sealed record BlockerReport
{
    /// <summary>The blocker's id in the catalog.</summary>
    public required string Id { get; init; }

    /// <summary><c>blocking</c> (the hop refuses to run) or <c>warning</c>.</summary>
    public required string Severity { get; init; }

    /// <summary>Found, or could not be checked (never a pass: <see cref="Error"/> says why).</summary>
    public required BlockerStatus Status { get; init; }

    /// <summary>The cell whose database it was found in; null for the service's own database.</summary>
    public string? Cell { get; init; }

    /// <summary>What the check saw: the query's rows (<c>column=value</c>) or the config finding.</summary>
    public IReadOnlyList<string> Details { get; init; } = [];

    /// <summary>Why the check could not run.</summary>
    public string? Error { get; init; }

    /// <summary>What goes wrong; <c>msg</c> in the module result.</summary>
    [JsonPropertyName("msg")]
    public required string Message { get; init; }

    /// <summary>What to do.</summary>
    public required string Fix { get; init; }

    /// <summary>The upstream source.</summary>
    public required string Source { get; init; }

    /// <summary>One line for messages.</summary>
    public string Describe() =>
        $"blocker {Id}{(Cell is null ? "" : $" (cell {Cell})")}: " + (Status == BlockerStatus.Found
            ? $"{Message} [{string.Join("; ", Details)}]. Fix: {Fix}. Source: {Source}"
            : $"could not check ({Error}); {Message}. Source: {Source}");
}
