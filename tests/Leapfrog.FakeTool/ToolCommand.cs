namespace Leapfrog.FakeTool;

/// <summary>A parsed subcommand: its canonical words (what fault patterns match) and what it does.</summary>
/// <param name="Key">Canonical words, e.g. <c>db_sync --expand</c> or <c>db online_data_migrations</c>.</param>
/// <param name="Run">Runs it and returns the exit code.</param>
/// <param name="UsesDatabase">False for commands that never touch the database (e.g. <c>--version</c>).</param>
internal sealed record ToolCommand(string Key, Func<ToolContext, int> Run, bool UsesDatabase = true);
