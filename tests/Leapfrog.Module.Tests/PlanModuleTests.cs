using System.Text.Json.Nodes;
using Leapfrog.Testing;

namespace Leapfrog.Module.Tests;

public sealed class PlanModuleTests
{
    [Fact]
    public void Victoria_to_2025_1_strict_is_seven_supported_hops()
    {
        var result = Plan(new JsonObject { ["from_release"] = "victoria", ["to_release"] = "2025.1" });

        Assert.Equal(["victoria", "wallaby", "xena", "yoga", "zed", "2023.1-antelope", "2024.1-caracal", "2025.1-epoxy"], Strings(result["releases"]));
        Assert.Equal(7, result["hops"]!.AsArray().Count);
        Assert.All(result["hops"]!.AsArray(), h => Assert.True(h!["supported"]!.GetValue<bool>()));
        Assert.Equal([false, false, false, false, false, true, true], result["hops"]!.AsArray().Select(h => h!["slurp"]!.GetValue<bool>()));
        Assert.False(result["changed"]!.GetValue<bool>());
    }

    [Fact]
    public void Stepwise_goes_through_every_release()
    {
        var result = Plan(new JsonObject { ["from_release"] = "Victoria", ["to_release"] = "2025.1-epoxy", ["policy"] = "stepwise" });

        Assert.Equal(9, result["hops"]!.AsArray().Count);
        Assert.Contains("2023.2-bobcat", Strings(result["releases"]));
    }

    [Fact]
    public void Zed_to_2025_1_strict_goes_through_2023_1_and_2024_1()
    {
        var result = Plan(new JsonObject { ["from_release"] = "zed", ["to_release"] = "epoxy" });

        Assert.Equal(["zed", "2023.1-antelope", "2024.1-caracal", "2025.1-epoxy"], Strings(result["releases"]));
    }

    [Fact]
    public void Each_hop_lists_each_services_steps_in_run_order_with_nova_after_placement()
    {
        var result = Plan(new JsonObject { ["from_release"] = "rocky", ["to_release"] = "stein", ["services"] = "nova,placement,keystone" });

        var hop = result["hops"]![0]!;
        Assert.Equal(["keystone", "placement", "nova"], Strings(hop["services"]));
        Assert.Equal(["probe:check", "schema:expand", "schema:migrate", "schema:contract"],
            hop["steps"]!["keystone"]!.AsArray().Take(4).Select(s => $"{s!["kind"]}:{s["name"]}"));
        Assert.Contains(hop["steps"]!["nova"]!.AsArray(), s => s!["kind"]!.GetValue<string>() == "data");
    }

    [Fact]
    public void A_service_that_does_not_exist_yet_is_skipped_with_the_reason()
    {
        var result = Plan(new JsonObject { ["from_release"] = "pike", ["to_release"] = "queens", ["services"] = new JsonArray("placement", "nova") });

        var hop = result["hops"]![0]!;
        Assert.Equal(["nova"], Strings(hop["services"]));
        Assert.Contains("before stein", hop["skipped"]!["placement"]!.GetValue<string>());
    }

    [Fact]
    public void An_explicit_unsupported_via_is_planned_only_when_allowed()
    {
        var result = Plan(new JsonObject { ["from_release"] = "victoria", ["to_release"] = "2025.1", ["via"] = "zed", ["allow_unsupported"] = "yes" });

        Assert.Equal(["victoria", "zed", "2025.1-epoxy"], Strings(result["releases"]));
        Assert.All(result["hops"]!.AsArray(), h => Assert.False(h!["supported"]!.GetValue<bool>()));
        Assert.Contains("2 not supported upstream", result["msg"]!.GetValue<string>());
    }

    [Fact]
    public void A_catalog_file_corrects_a_release()
    {
        var dir = Directory.CreateTempSubdirectory("lf-plan-");
        var catalog = Path.Combine(dir.FullName, "fix.yml");
        File.WriteAllText(catalog, """
            services:
              heat:
                steps:
                  - name: db_sync
                    kind: schema
                    since: 2025.1
                    argv: [heat-manage, --config-file, "{config_file}", db_sync, --fixed]
                    exit_codes: { "0": ok }
            """);

        var result = Plan(new JsonObject { ["from_release"] = "2024.2", ["to_release"] = "2025.1", ["services"] = "heat", ["catalog_file"] = catalog });

        var steps = result["hops"]![0]!["steps"]!["heat"]!.AsArray();
        Assert.Contains(steps, s => Strings(s!["argv"]).Contains("--fixed"));
        dir.Delete(true);
    }

    [Fact]
    public void On_a_terminal_the_module_still_prints_nothing_but_its_json()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "{\"from_release\": \"zed\", \"to_release\": \"2023.1\"}");

        // script(1) gives the module a pty, as Ansible's ssh connection does by default.
        var result = Proc.Run("script", ["-qec", $"{Repo.Module("plan")} {file}", "/dev/null"]);
        File.Delete(file);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("{\"changed\":false", result.Stdout);
        Assert.Equal("zed -> 2023.1-antelope: 1 hop (strict)", JsonNode.Parse(result.Stdout)!["msg"]!.GetValue<string>());
    }

    internal static JsonObject Plan(JsonObject args)
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, args.ToJsonString());
        var result = Proc.Run(Repo.Module("plan"), [file]);
        File.Delete(file);
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        return JsonNode.Parse(result.Stdout)!.AsObject();
    }

    internal static List<string> Strings(JsonNode? node) => node!.AsArray().Select(n => n!.GetValue<string>()).ToList();
}
