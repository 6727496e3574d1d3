namespace Leapfrog.Engine.Tests;

/// <summary>A state file that disagrees with the request, or cannot be read: a clear message, nothing run.</summary>
[Collection("controller")]
public sealed class StateFileTests(ControllerFixture fx)
{
    [Fact]
    public async Task A_state_file_at_another_release_than_from_release_refuses_with_nothing_run()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        var state = Write(cloud, """{"format": 1, "service": "keystone", "release": "victoria", "hops": []}""");

        var error = await Assert.ThrowsAsync<ControllerException>(() => cloud.HopAsync("wallaby", "xena"));

        Assert.Contains($"the state file {cloud.StateFile} says the database is at victoria, but from_release is wallaby", error.Message);
        Assert.Equal(0, cloud.Executions());
        Assert.Equal(state, File.ReadAllText(cloud.StateFile));
        Assert.False(Directory.Exists(Path.Combine(cloud.StateDir, "keystone.lock")));

        var rerun = await cloud.HopAsync("victoria", "wallaby");
        Assert.False(rerun.Failed, rerun.Message);
        Assert.Equal(1, cloud.Executions("--expand"));
    }

    [Fact]
    public async Task A_state_file_ahead_of_the_target_runs_nothing_and_says_where_the_database_is()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        var state = Write(cloud, """{"format": 1, "service": "keystone", "release": "xena", "hops": []}""");

        var outcome = await cloud.HopAsync("victoria", "wallaby");

        Assert.False(outcome.Failed);
        Assert.False(outcome.Changed);
        Assert.True(outcome.AlreadyDone);
        Assert.Equal($"keystone is already at xena (state file {cloud.StateFile}); nothing to do", outcome.Message);
        Assert.Empty(outcome.Steps);
        Assert.Equal(0, cloud.Executions());
        Assert.Equal(state, File.ReadAllText(cloud.StateFile));
    }

    [Theory]
    [InlineData("""{"format": 1, "service": "keystone", "release": """, "is corrupt")]
    [InlineData("", "is corrupt")]
    [InlineData("null", "is corrupt")]
    [InlineData("[]", "is corrupt")]
    [InlineData("""{"format": 1, "release": "victoria"}""", "is corrupt")]
    [InlineData("""{"format": 1, "service": "keystone", "release": "bogus", "hops": []}""", "'bogus' is not a known OpenStack release")]
    public async Task A_corrupt_state_file_refuses_with_nothing_run_and_the_rerun_hops_once_it_is_moved_aside(string text, string says)
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        Write(cloud, text);

        var error = await Assert.ThrowsAnyAsync<Core.LeapfrogException>(() => cloud.HopAsync("victoria", "wallaby"));

        Assert.Contains(cloud.StateFile, error.Message);
        Assert.Contains(says, error.Message);
        Assert.Equal(0, cloud.Executions());
        Assert.Equal(text, File.ReadAllText(cloud.StateFile));
        Assert.False(Directory.Exists(Path.Combine(cloud.StateDir, "keystone.lock")));

        File.Move(cloud.StateFile, cloud.StateFile + ".corrupt");
        var rerun = await cloud.HopAsync("victoria", "wallaby");
        Assert.False(rerun.Failed, rerun.Message);
        Assert.Equal(1, cloud.Executions("--expand"));
        Assert.Equal("wallaby", cloud.State()!.Release);
    }

    private static string Write(Cloud cloud, string text)
    {
        Directory.CreateDirectory(cloud.StateDir);
        File.WriteAllText(cloud.StateFile, text);
        return text;
    }
}
