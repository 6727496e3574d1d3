using System.Text.Json.Nodes;

namespace Leapfrog.EndToEnd.Tests;

public sealed class PreflightTests
{
    [Fact]
    public void Preflight_lists_every_problem_at_once_and_changes_nothing()
    {
        using var box = Sandbox.Up("victoria wallaby xena", "keystone glance");
        var ok = Playbook.Run(box, "preflight.yml");
        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Contains("xena glance: toolbox reports 23.0.0", ok.Output, StringComparison.Ordinal);
        Assert.Contains("keystone-status upgrade check at victoria: success", ok.Output, StringComparison.Ordinal);
        Assert.Contains(box.Witness.All, e => e.Tool == "keystone-status" && e.Release == "victoria" && !e.Argv.Contains("--format"));
        Assert.Matches(@"backups: \d+ MB free on \S+, the backups need about \d+ MB \(min_free_mb \d+ \+ twice the \d+ MB of the databases\)", ok.Output);

        // The upgrade check is the catalog's command (the plan module's status_argv): a catalog file that corrects it
        // changes what preflight runs, as the release's own tool logs it.
        var fix = Path.Combine(box.Dir, "status-fix.yml");
        File.WriteAllText(fix, """
            services:
              keystone:
                steps:
                  - name: upgrade_check
                    kind: verify
                    since: stein
                    argv: [keystone-status, --config-file, "{config_file}", upgrade, check, --format, table]
                    exit_codes: { "0": ok, "1": warning, "2": error, "255": error }
            """);
        var mark = box.Witness.Mark();
        var fixedCheck = Playbook.Run(box, "preflight.yml", "-e", "leapfrog_catalog_file=" + fix);
        Assert.True(fixedCheck.ExitCode == 0, fixedCheck.ToString());
        Assert.Contains("keystone-status upgrade check at victoria: success", fixedCheck.Output, StringComparison.Ordinal);
        var ran = Assert.Single(box.Witness.Since(mark), e => e.Tool == "keystone-status" && e.Release == "victoria");
        Assert.Equal(["--format", "table"], ran.Argv.TakeLast(2));

        // No toolbox for the source release (no hop runs there): its upgrade checks are skipped, not problems.
        JsonNode Venv() => new JsonObject { ["type"] = "venv", ["path"] = Path.Combine(box.Dir, "venvs", "{service}-{version}") };
        var pathOnly = Playbook.Run(box, "preflight.yml", "-e",
            new JsonObject { ["leapfrog_toolboxes"] = new JsonObject { ["wallaby"] = Venv(), ["xena"] = Venv() } }.ToJsonString());
        Assert.True(pathOnly.ExitCode == 0, pathOnly.ToString());
        Assert.Contains("upgrade check of keystone at victoria skipped: toolboxes has no entry for victoria", pathOnly.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("keystone-status upgrade check at victoria", pathOnly.Output, StringComparison.Ordinal);

        Directory.CreateDirectory(Path.Combine(box.StateDir, "keystone.lock"));
        var venv = Directory.GetDirectories(Path.Combine(box.Dir, "venvs"), "glance-23.*").Single();
        File.Delete(Path.Combine(venv, "bin", "glance-manage"));
        box.Sql("DROP DATABASE glance");

        // More room wanted for the backups than this machine has (about 95 TB): refused with the figures.
        var bad = Playbook.Run(box, "leapfrog.yml", "-e", "leapfrog_min_free_mb=100000000");
        Assert.NotEqual(0, bad.ExitCode);
        var problems = bad.Output.Split("preflight found ")[1];
        Assert.Contains("keystone.lock is held by an unknown holder", problems, StringComparison.Ordinal);
        Assert.Matches(@"backups: only \d+ MB free on \S+, the backups need about 1000000\d\d MB \(min_free_mb 100000000 \+ twice the \d+ MB of the databases\)", problems);
        Assert.Contains("glance-23.0.0", problems, StringComparison.Ordinal);
        // The hop's own pre-check read the database through the toolbox, with the config as the tools read it.
        Assert.Contains("Unknown database 'glance'", problems, StringComparison.Ordinal);
        Assert.Empty(bad.ChangedHops);
        Assert.Null(box.ReleaseOf("keystone"));
    }
}
