namespace Leapfrog.Core.Toolboxes;

/// <summary>The toolbox of one release (or of every release), with per-service exceptions.</summary>
/// <param name="Own">The toolbox of every service, or null when only exceptions are given.</param>
/// <param name="Services">Service name to the toolbox that service uses instead.</param>
public sealed record ToolboxEntry(Toolbox? Own, IReadOnlyDictionary<string, Toolbox> Services);
