using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Leapfrog.Testing;

namespace Leapfrog.Module.Tests;

/// <summary>
/// The bad-input corpus (tests/fixtures/bad-input/*.json): every case fails cleanly, with nothing run. Hop cases
/// point at a real sshd that records every command it receives: none may reach it.
/// </summary>
public sealed class BadInputTests : IClassFixture<BadInputController>
{
    private readonly BadInputController _controller;

    public BadInputTests(BadInputController controller) => _controller = controller;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var module in new[] { "plan", "hop", "backup" })
        {
            foreach (var c in Load(module))
            {
                data.Add(module, c!["name"]!.GetValue<string>());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_gives_one_failed_json_object_naming_the_problem(string module, string name)
    {
        var c = Load(module).Single(x => x!["name"]!.GetValue<string>() == name)!;
        var dir = Directory.CreateTempSubdirectory("lf-bad-");
        var argsFile = Path.Combine(dir.FullName, "args");
        if (c["rawBase64"] is { } b64)
        {
            File.WriteAllBytes(argsFile, Convert.FromBase64String(b64.GetValue<string>()));
        }
        else if (c["raw"] is { } raw)
        {
            File.WriteAllText(argsFile, raw.GetValue<string>());
        }
        else
        {
            var args = c["args"]!.AsObject();
            if (args["to_release"]?.GetValue<string>() == "LONGVALUE")
            {
                args["to_release"] = new string('x', 1_000_000);
            }

            File.WriteAllText(argsFile, _controller.Fill(args.ToJsonString()));
        }

        var received = _controller.Ssh.Commands().Count;
        var result = Proc.Run(Repo.Module(module), [argsFile], cwd: dir.FullName);

        AssertCleanFailure(result, c["expect"]!.GetValue<string>());
        if (c["secret"] is { } secret)
        {
            Assert.DoesNotContain(secret.GetValue<string>(), result.Stdout + result.Stderr);
        }

        Assert.Equal(["args"], Directory.GetFileSystemEntries(dir.FullName).Select(Path.GetFileName));
        Assert.Equal(received, _controller.Ssh.Commands().Count);
        Assert.False(Directory.Exists(_controller.StateDir), "nothing was written on the controller");
        dir.Delete(true);
    }

    [Theory]
    [InlineData("plan")]
    [InlineData("hop")]
    [InlineData("backup")]
    public void A_missing_args_file_or_a_directory_is_refused(string module)
    {
        AssertCleanFailure(Proc.Run(Repo.Module(module), ["/nonexistent/args"]), "args file '/nonexistent/args' does not exist");
        AssertCleanFailure(Proc.Run(Repo.Module(module), ["/tmp"]), "args file '/tmp' is a directory");
        AssertCleanFailure(Proc.Run(Repo.Module(module), []), "usage: MODULE ARGS_FILE");
    }

    internal static void AssertCleanFailure(ProcResult result, string expect)
    {
        Assert.NotEqual(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        var json = JsonNode.Parse(lines[0])!.AsObject();
        Assert.True(json["failed"]!.GetValue<bool>());
        var msg = json["msg"]!.GetValue<string>();
        Assert.Contains(expect, msg);
        Assert.True(msg.Length < 2000, "message is one bounded line");
        Assert.DoesNotContain("\n", msg);
        Assert.DoesNotContain("   at ", result.Stdout + result.Stderr);
        Assert.Null(json["exception"]);
    }

    private static JsonArray Load(string module) =>
        JsonNode.Parse(File.ReadAllText(Repo.At("tests", "fixtures", "bad-input", $"{module}.json")))!.AsArray();
}
