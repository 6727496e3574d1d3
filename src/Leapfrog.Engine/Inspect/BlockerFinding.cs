namespace Leapfrog.Engine;

/// <summary>What one blocker check found in one database (a cell's, for nova), or why it could not check.</summary>
/// <param name="Id">The blocker's id in the catalog.</param>
/// <param name="Cell">The cell whose database it looked at; null for the service's own database.</param>
/// <param name="Rows">The query's rows (<c>column=value</c>, at most 20), or the config finding; empty when it could not check.</param>
/// <param name="Error">Why it could not check (query error, tool missing); null when it checked.</param>
internal sealed record BlockerFinding(string Id, string? Cell, IReadOnlyList<string> Rows, string? Error);
