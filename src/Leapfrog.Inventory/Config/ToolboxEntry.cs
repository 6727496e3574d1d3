namespace Leapfrog.Inventory.Config;

/// <summary>The toolbox of one release (or of every release), with per-service exceptions.</summary>
/// <param name="Spec">The toolbox of every service, or null when only exceptions are given.</param>
/// <param name="Services">Service name to the toolbox that service uses instead.</param>
internal sealed record ToolboxEntry(ToolboxSpec? Spec, IReadOnlyDictionary<string, ToolboxSpec> Services);
