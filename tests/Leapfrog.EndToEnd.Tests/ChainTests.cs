namespace Leapfrog.EndToEnd.Tests;

public sealed class ChainTests(ITestOutputHelper output)
{
    private const string Services = "keystone glance cinder placement nova";

    [Fact]
    public void The_playbook_moves_every_service_through_every_hop_then_a_rerun_and_check_mode_change_nothing()
    {
        using var box = Sandbox.Up("victoria wallaby xena yoga", Services);
        var before = box.Schema("keystone");
        var start = box.Witness.Mark();

        var check = Playbook.Run(box, "leapfrog.yml", "--check");
        output.WriteLine($"check mode on a fresh cloud: {check.Elapsed.TotalSeconds:0.0} s");
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Equal(before, box.Schema("keystone"));
        Assert.All(Services.Split(' '), s => Assert.Null(box.ReleaseOf(s)));
        Assert.Empty(Directory.GetFileSystemEntries(box.BackupDir));
        Assert.Empty(box.Witness.Changes(start, withBatches: true));
        Assert.NotEmpty(box.Witness.Since(start)); // check mode did probe, with the tools
        // Preflight's upgrade checks are the catalog's status commands: cinder's ran at victoria; nova has none by default.
        Assert.Contains(box.Witness.Since(start), e => e.Tool == "cinder-status" && e.Release == "victoria");
        Assert.DoesNotContain(box.Witness.Since(start), e => e.Tool == "nova-status");
        Assert.Contains("upgrade check of nova at victoria skipped: the catalog names no status tool for it", check.Output, StringComparison.Ordinal);

        var beforeRun = box.Witness.Mark();
        var run = Playbook.Run(box, "leapfrog.yml");
        output.WriteLine($"full chain (3 hops x 5 services, parallel by default): {run.Elapsed.TotalSeconds:0.0} s");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.All(Services.Split(' '), s => Assert.Equal("yoga", box.ReleaseOf(s)));
        // victoria's own data migrations were finished first (victoria's toolbox is given), recorded like a hop, for the
        // services victoria has online data migrations for (the catalog's); keystone and glance have none, so no module ran for them.
        string[] startData = ["cinder", "placement", "nova"];
        Assert.All(Services.Split(' '), s => Assert.Equal(
            (startData.Contains(s) ? ["victoria>victoria:done"] : Array.Empty<string>()).Concat(["victoria>wallaby:done", "wallaby>xena:done", "xena>yoga:done"]),
            box.Hops(s).Select(h => $"{h.From}>{h.To}:{h.Outcome}")));
        Assert.Equal(15, run.ChangedHops.Count);
        // On the control node (the default) each hop's task waits for its module run itself: no async job to poll.
        Assert.Empty(run.TasksWith("ok", "Wait for the hops"));
        Assert.Equal(4, run.TasksWith("skipping", "Wait for the hops").Count); // the start release's data and 3 hops
        // Parallel by default, in the catalog's waves, from the state files' times: in every hop nova starts after
        // placement has finished, and the other four ran together (not one after another: some two of them overlap).
        foreach (var hop in new[] { "victoria>wallaby", "wallaby>xena", "xena>yoga" })
        {
            var of = Services.Split(' ').ToDictionary(s => s, s => box.Hops(s).Single(h => $"{h.From}>{h.To}" == hop));
            Assert.True(of["nova"].Started >= of["placement"].Finished, $"{hop}: nova started before placement finished");
            string[] wave = ["keystone", "glance", "cinder", "placement"];
            Assert.True(wave.Any(a => wave.Any(b => a != b && of[a].Started < of[b].Finished && of[b].Started < of[a].Finished)),
                $"{hop}: the first wave ran one service after another");
        }
        // From the tools' own log: each schema step of each hop of each service ran exactly once, every hop ran some.
        Assert.Empty(box.Witness.NotOnce(beforeRun));
        var changes = box.Witness.Changes(beforeRun);
        foreach (var tool in new[] { "keystone-manage", "glance-manage", "cinder-manage", "placement-manage", "nova-manage" })
        {
            Assert.All(new[] { "wallaby", "xena", "yoga" }, r => Assert.Contains(changes, c => c.StartsWith($"{tool} {r} ", StringComparison.Ordinal)));
        }

        // One line per service that had victoria's data migrations to finish.
        Assert.Equal(startData.Select(s => $"Hop {s} at victoria{PlaybookRun.StartData}").Order(), run.StartDataTasks("changed").Order());
        Assert.Contains("keystone\tyoga\tcontracted", box.Schema("keystone"), StringComparison.Ordinal);
        Assert.Contains("every service is at yoga", run.Output, StringComparison.Ordinal);
        // Retention (the sandbox keeps 2): the backups before the last two hops, each complete.
        Assert.Equal(["02-wallaby-to-xena", "03-xena-to-yoga"],
            Directory.GetDirectories(box.BackupDir).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal));
        Assert.All(Services.Split(' '), s => Assert.True(File.Exists(Path.Combine(box.BackupDir, "03-xena-to-yoga", s, "MANIFEST.json"))));

        var beforeAgain = box.Witness.Mark();
        var again = Playbook.Run(box, "leapfrog.yml");
        output.WriteLine($"second run: {again.Elapsed.TotalSeconds:0.0} s");
        // The rerun's preflight asks the tools their versions and checks; nothing changes a database.
        Assert.Empty(box.Witness.Changes(beforeAgain, withBatches: true));
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Empty(again.ChangedHops);
        // A finished chain: the standing query says every service is at yoga, so no hop is entered at all.
        Assert.Empty(again.OkHops);
        Assert.Contains("every service is at yoga", again.Output, StringComparison.Ordinal);
        // Every service is past victoria now: its data migrations are not asked for again.
        Assert.Empty(again.StartDataTasks("changed"));
        Assert.Empty(again.StartDataTasks("ok"));
        Assert.Equal(0, again.RecapChanged);

        var afterwards = box.Snapshot("nova");
        var beforeCheckAgain = box.Witness.Mark();
        var checkAgain = Playbook.Run(box, "leapfrog.yml", "--check");
        Assert.True(checkAgain.ExitCode == 0, checkAgain.ToString());
        Assert.Empty(box.Witness.Changes(beforeCheckAgain, withBatches: true));
        Assert.Equal(0, checkAgain.RecapChanged);
        Assert.Equal(afterwards, box.Snapshot("nova"));
    }
}
