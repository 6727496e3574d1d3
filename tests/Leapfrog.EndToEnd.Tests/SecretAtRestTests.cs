namespace Leapfrog.EndToEnd.Tests;

/// <summary>The README's promise: no credentials in the state directory, nor in a backup's metadata.</summary>
public sealed class SecretAtRestTests(ITestOutputHelper output)
{
    [Fact]
    public void Tools_that_print_their_database_url_leave_the_password_in_no_state_file_and_no_backup_metadata()
    {
        // Every fake tool prints its [database] URL, password in clear, on stdout and stderr at every step.
        using var box = Sandbox.Up("victoria wallaby", "keystone", "print_url=*");
        var secret = File.ReadAllText(Path.Combine(box.Dir, "etc", "keystone", "keystone.conf")).Split("leapfrog:")[1].Split('@')[0];

        var run = Playbook.Run(box, "leapfrog.yml", "-e", "leapfrog_preflight=false");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("wallaby", box.ReleaseOf("keystone"));
        Assert.DoesNotContain(secret, run.Output, StringComparison.Ordinal);
        var state = Directory.EnumerateFiles(box.StateDir, "*", SearchOption.AllDirectories).ToList();
        var metadata = Directory.EnumerateFiles(box.BackupDir, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".sql.gz", StringComparison.Ordinal)).ToList();
        output.WriteLine($"{state.Count} files under state_dir, {metadata.Count} backup metadata files");
        Assert.Contains(state, f => Path.GetFileName(f) == "out" && File.ReadAllText(f).Contains("leapfrog:********@", StringComparison.Ordinal));
        Assert.Contains(metadata, f => Path.GetFileName(f) == "MANIFEST.json");
        var holding = state.Concat(metadata).Where(f => File.ReadAllText(f).Contains(secret, StringComparison.Ordinal)).ToList();
        Assert.True(holding.Count == 0, $"the password is in {string.Join(", ", holding)}");
    }
}
