using System.Text.Json.Nodes;
using Leapfrog.Testing;

namespace Leapfrog.Module.Tests;

/// <summary>The hop module's read-only standing query: every service's state file read in one call to a real sshd.</summary>
public sealed class StandingQueryTests : IClassFixture<BadInputController>
{
    private readonly BadInputController _controller;

    public StandingQueryTests(BadInputController controller) => _controller = controller;

    [Fact]
    public void I_can_read_where_every_service_stands_in_one_call()
    {
        var dir = Directory.CreateTempSubdirectory("lf-standing-").FullName;
        // State files as an earlier run left them: keystone finished two hops, glance failed its second; nova has none.
        File.WriteAllText(Path.Combine(dir, "keystone.json"), """
            {"format": 1, "service": "keystone", "release": "xena", "hops": [
              {"run_id": "r1", "from": "victoria", "to": "wallaby", "started": "2026-01-01T00:00:00Z", "outcome": "done"},
              {"run_id": "r2", "from": "wallaby", "to": "xena", "started": "2026-01-01T00:01:00Z", "outcome": "done"}]}
            """);
        File.WriteAllText(Path.Combine(dir, "glance.json"), """
            {"format": 1, "service": "glance", "release": "Wallaby", "hops": [
              {"run_id": "r1", "from": "victoria", "to": "wallaby", "started": "2026-01-01T00:00:00Z", "outcome": "done"},
              {"run_id": "r3", "from": "wallaby", "to": "xena", "started": "2026-01-01T00:02:00Z", "outcome": "failed", "message": "db_sync exited 1"}]}
            """);
        Directory.CreateDirectory(Path.Combine(dir, "glance.lock"));
        File.WriteAllText(Path.Combine(dir, "glance.lock", "owner.json"),
            """{"run_id": "r3", "owner": "root@deploy", "host": "deploy", "pid": 4242, "started": "2026-01-01T00:02:00Z"}""");
        var before = _controller.Ssh.Commands().Count;

        var result = Standing(dir, new JsonArray("keystone", "glance", "nova"));

        Assert.Equal(1, _controller.Ssh.Commands().Count - before);
        var standing = result["standing"]!;
        Assert.Equal("xena", standing["keystone"]!["release"]!.GetValue<string>());
        Assert.Equal(2, standing["keystone"]!["position"]!.GetValue<int>());
        Assert.True(standing["keystone"]!["recorded"]!.GetValue<bool>());
        Assert.Equal("wallaby", standing["glance"]!["release"]!.GetValue<string>());
        Assert.Equal("failed", standing["glance"]!["last_hop"]!["outcome"]!.GetValue<string>());
        Assert.Equal("db_sync exited 1", standing["glance"]!["last_hop"]!["message"]!.GetValue<string>());
        Assert.True(standing["glance"]!["locked"]!.GetValue<bool>());
        Assert.Contains("root@deploy (pid 4242", standing["glance"]!["lock_owner"]!.GetValue<string>());
        // No state file: at the start of the path, nothing recorded.
        Assert.Equal("victoria", standing["nova"]!["release"]!.GetValue<string>());
        Assert.False(standing["nova"]!["recorded"]!.GetValue<bool>());
        Assert.Null(standing["nova"]!["last_hop"]);
        Assert.Equal(
            ["keystone: at xena (last hop wallaby -> xena: done)", "glance: at wallaby (last hop wallaby -> xena: failed); locked by root@deploy",
             "nova: at victoria (no hop recorded)"],
            PlanModuleTests.Strings(result["summary"]));
        Assert.False(result["changed"]!.GetValue<bool>());
        Assert.Equal(["glance.json", "glance.lock", "keystone.json"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order());
        Directory.Delete(dir, true);
    }

    [Fact]
    public void A_corrupt_state_file_fails_the_query_naming_the_file()
    {
        var dir = Directory.CreateTempSubdirectory("lf-standing-").FullName;
        File.WriteAllText(Path.Combine(dir, "nova.json"), "{\"service\": \"nova\", \"release\": ");

        var file = Path.GetTempFileName();
        File.WriteAllText(file, Args(dir, new JsonArray("nova")).ToJsonString());
        var result = Proc.Run(Repo.Module("hop"), [file]);
        File.Delete(file);
        Directory.Delete(dir, true);

        BadInputTests.AssertCleanFailure(result, $"the state file {dir}/nova.json on ");
    }

    private JsonObject Standing(string stateDir, JsonArray services)
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, Args(stateDir, services).ToJsonString());
        var result = Proc.Run(Repo.Module("hop"), [file]);
        File.Delete(file);
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        return JsonNode.Parse(result.Stdout)!.AsObject();
    }

    private JsonObject Args(string stateDir, JsonArray services) => new()
    {
        ["query"] = "standing",
        ["services"] = services,
        ["releases"] = new JsonArray("victoria", "wallaby", "xena", "yoga"),
        ["state_dir"] = stateDir,
        ["host"] = _controller.Ssh.Host,
        ["port"] = _controller.Ssh.Port,
        ["private_key_file"] = _controller.Ssh.ClientKeyPath,
        ["known_hosts_file"] = _controller.Ssh.KnownHostsPath,
        // The hop's own parameters, as module_defaults gives them to every call, are ignored by the query.
        ["toolboxes"] = new JsonObject { ["zed"] = new JsonObject { ["type"] = "system" } },
        ["step_timeout"] = 60,
    };
}
