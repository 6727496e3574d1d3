namespace Leapfrog.Engine;

/// <summary>A command a hop needs that the toolbox lacks or cannot start.</summary>
/// <param name="Tool">The tool, e.g. <c>cinder-status</c>.</param>
/// <param name="Path">Where the toolbox looks for it (a path in a venv, else the name on the toolbox's PATH).</param>
/// <param name="Problem">What is wrong: not found, not executable, its interpreter or module is missing.</param>
internal sealed record ToolProblem(string Tool, string Path, string Problem);
