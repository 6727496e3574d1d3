namespace Leapfrog.EndToEnd.Tests;

public sealed class BackupRestoreTests(ITestOutputHelper output)
{
    [Fact]
    public void The_backup_before_a_hop_restores_the_exact_rows_and_the_chain_starts_again_from_there()
    {
        using var box = Sandbox.Up("victoria wallaby", "keystone nova");
        box.Sql("INSERT INTO fake_items (id, name, created_release) VALUES (4242, 'operator-row', 'victoria')", "keystone");
        string[] databases = ["keystone", "nova", "nova_api"];
        var before = databases.ToDictionary(d => d, box.Snapshot);

        var run = Playbook.Run(box, "leapfrog.yml", "-e", "leapfrog_preflight=false");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.All(databases, d => Assert.NotEqual(before[d], box.Snapshot(d)));
        var backup = Path.Combine(box.BackupDir, "01-victoria-to-wallaby");
        Assert.True(File.Exists(Path.Combine(backup, "nova", "nova_api.sql.gz.sha256")));
        var secret = File.ReadAllText(Path.Combine(box.Dir, "etc", "keystone", "keystone.conf")).Split("leapfrog:")[1].Split('@')[0];
        Assert.DoesNotContain(secret, run.Output, StringComparison.Ordinal);

        // A damaged dump is refused before anything is loaded.
        var dump = Path.Combine(backup, "keystone", "keystone.sql.gz");
        var good = File.ReadAllBytes(dump);
        File.WriteAllBytes(dump, [.. good, 0]);
        var refused = Playbook.Run(box, "restore.yml", "-e", "leapfrog_restore_label=01-victoria-to-wallaby");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("does not match its checksum", refused.Output, StringComparison.Ordinal);
        Assert.Equal("wallaby", box.ReleaseOf("keystone"));
        File.WriteAllBytes(dump, good);

        var restore = Playbook.Run(box, "restore.yml", "-e", "leapfrog_restore_label=01-victoria-to-wallaby");
        output.WriteLine($"restore: {restore.Elapsed.TotalSeconds:0.0} s");
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.All(databases, d => Assert.Equal(before[d], box.Snapshot(d)));
        // The state as it was before the hop: nova at victoria, whose own data migrations the role finished first; keystone
        // had no state file yet (victoria has no data migrations for it), and has none again.
        Assert.Equal("victoria", box.ReleaseOf("nova"));
        Assert.Null(box.ReleaseOf("keystone"));
        Assert.DoesNotContain(secret, restore.Output, StringComparison.Ordinal);

        var again = Playbook.Run(box, "leapfrog.yml", "-e", "leapfrog_preflight=false");
        Assert.True(again.ExitCode == 0, again.ToString());
        // keystone and nova hop at once (nova waits for placement only, which is not here): both changed again.
        // nova first: within a wave the plan starts the longest expected hop first (its cells and data steps).
        Assert.Equal(["Hop nova victoria -> wallaby", "Hop keystone victoria -> wallaby"], again.ChangedHops);
        Assert.Equal("wallaby", box.ReleaseOf("keystone"));
        Assert.Equal("wallaby", box.ReleaseOf("nova"));
        Assert.Equal("operator-row", box.Sql("SELECT name FROM fake_items WHERE id = 4242", "keystone").Trim());
    }
}
