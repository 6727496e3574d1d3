using System.Text.Json.Nodes;
using Leapfrog.Core.Releases;

namespace Leapfrog.FakeTool;

/// <summary>
/// The venv's <c>python3</c>, as far as the hop asks it anything: it runs only leapfrog's read-only inspect script
/// (recognised by its first line, <c># leapfrog-inspect 1</c>) and answers from the fake's own knowledge: a tool exists
/// and starts when its file is executable and the program its wrapper execs exists; each component's recorded
/// revision is <c>&lt;release&gt;_&lt;phase&gt;</c> from <c>fake_schema</c>, and the head this release ships is
/// <c>&lt;release&gt;_contracted</c>. nova_api lives in <c>[api_database]</c>, every other component in <c>[database]</c>;
/// the fake has no cell databases of its own. Blocker checks (<c>checks</c>) are not the fake's to answer: they are run
/// by the real /usr/bin/python3 with the very script the hop sent, against the real database, and their findings copied;
/// so is the registry part (<c>registry</c>: the services rows read, or dead ones removed), and the cell list (<c>cells</c>).
/// </summary>
internal static class FakePython
{
    /// <summary>Runs <c>python3 -c SCRIPT REQUEST</c>; anything else is refused with rc 2.</summary>
    public static int Run(Release release, string? execLog, IReadOnlyList<string> args, Redactor redactor)
    {
        var known = args is ["-c", var script, _] && script.StartsWith("# leapfrog-inspect 1", StringComparison.Ordinal);
        var logged = known ? ["-c", "<leapfrog-inspect script>", args[2]] : args;
        JsonObject? request = null;
        IniFile? ini = null;
        string? configProblem = null;
        try
        {
            request = known ? JsonNode.Parse(args[2]) as JsonObject : null;
            var config = request?["config"]?.GetValue<string>();
            configProblem = config is null ? null : ConfigProblem(config);
            ini = config is null ? null : IniFile.Read(configProblem is null ? [config] : []);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            request = null;
        }

        foreach (var section in new[] { "database", "api_database" })
        {
            if (ini?.Get(section, "connection") is { } url)
            {
                try
                {
                    redactor.Add(DbUrl.Parse(url, section).Password);
                }
                catch (ToolExit)
                {
                    // Reported when the connection is used; the URL regex still hides its password.
                }
            }
        }

        var fake = ini is null ? new FakeSettings() : FakeSettings.From(ini);
        foreach (var log in new[] { execLog, fake.ExecLog }.Where(p => p is not null).Distinct())
        {
            ExecLog.Append(log!, release.Name, "python3", known ? "inspect" : null, logged, redactor);
        }

        if (request is null || ini is null)
        {
            Console.Error.WriteLine("fake python3: this fake runs only leapfrog's inspect script (python3 -c SCRIPT REQUEST)");
            return 2;
        }

        var service = request["service"]?.GetValue<string>() ?? "?";
        var ctx = new ToolContext { Release = release, Tool = "python3", Service = service, Ini = ini, Fake = fake, Redactor = redactor, Key = "inspect" };
        var answer = new JsonObject
        {
            ["inspect"] = 1,
            ["config"] = new JsonObject { ["path"] = request["config"]?.GetValue<string>(), ["problem"] = configProblem },
            ["tools"] = new JsonArray((request["tools"] as JsonArray ?? []).OfType<JsonObject>().Select(t => (JsonNode)Tool(t)).ToArray()),
            ["databases"] = new JsonArray((request["databases"] as JsonArray ?? []).OfType<JsonObject>().Select(d => (JsonNode)Database(d, ctx)).ToArray()),
        };
        if (request["version"] is JsonObject version)
        {
            answer["version"] = Version(version, service);
        }

        if (request["checks"] is JsonArray checks)
        {
            var (findings, error) = RealChecks(args[1], request["config"]!.GetValue<string>(), checks, "checks", "findings");
            if (findings is null)
            {
                Console.Error.WriteLine(redactor.Clean(error ?? "the real python3 gave no findings"));
                return 1;
            }

            answer["findings"] = findings;
        }

        if (request["registry"] is JsonArray registry)
        {
            // The registry part (the services table's rows, and removing dead ones) is the real script's too.
            var (rows, error) = RealChecks(args[1], request["config"]!.GetValue<string>(), registry, "registry", "registry");
            if (rows is null)
            {
                Console.Error.WriteLine(redactor.Clean(error ?? "the real python3 gave no registry"));
                return 1;
            }

            answer["registry"] = rows;
        }

        var cleaned = JsonNode.Parse(redactor.Clean(answer.ToJsonString()))!.AsObject();
        if (request["cells"] is JsonObject cells)
        {
            // The cell list (the API database's cell_mappings; the fake's own table is fake_cell_mappings) is the real
            // script's too, its URLs unmasked as list_cells --verbose prints them; without such a table it says why.
            var (list, error) = RealChecks(args[1], request["config"]!.GetValue<string>(), cells, "cells", "cells");
            cleaned[list is null ? "cells_error" : "cells"] = list ?? redactor.Clean(error ?? "no cell list");
        }

        Console.Out.WriteLine(cleaned.ToJsonString());
        return 0;
    }

    /// <summary>As the real script: why the config file cannot be read here, or null.</summary>
    private static string? ConfigProblem(string path)
    {
        if (Directory.Exists(path))
        {
            return "is a directory, not a file";
        }

        if (!File.Exists(path))
        {
            return "does not exist";
        }

        try
        {
            using var stream = File.OpenRead(path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read ({e.GetType().Name})";
        }
    }

    private static (JsonNode? Findings, string? Error) RealChecks(string script, string config, JsonNode checks, string key, string answerKey)
    {
        var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(new JsonObject { ["config"] = config, [key] = checks.DeepClone() }.ToJsonString());
        using var p = System.Diagnostics.Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var line = stdout.Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{'));
        return line is not null && JsonNode.Parse(line)?[answerKey] is { } f
            ? (f.DeepClone(), null)
            : (null, $"real python3 exited {p.ExitCode}: {stderr.Result}");
    }

    /// <summary>
    /// As the real script: the version the tool would print, told without starting it only when it is one of the fake's
    /// own wrappers (<c>exec fake-openstack-tool --release R ...</c>: R's version of the service); for any other file,
    /// none, and the hop runs the tool's <c>--version</c>.
    /// </summary>
    private static JsonObject Version(JsonObject v, string service)
    {
        var path = v["tool"]?.GetValue<string>() ?? "";
        var text = File.Exists(path) ? File.ReadAllText(path) : "";
        var wrapped = System.Text.RegularExpressions.Regex.Match(text, @"^#!/bin/sh\nexec \S*fake-openstack-tool\S* --release '?([^'\s]+)'? ");
        return wrapped.Success && ReleaseCatalog.Default.TryFind(wrapped.Groups[1].Value, out var release)
            ? new JsonObject { ["version"] = ProjectVersions.For(service, release), ["why"] = null }
            : new JsonObject { ["version"] = null, ["why"] = "not one of the fake's wrappers" };
    }

    private static JsonObject Tool(JsonObject t)
    {
        var name = t["tool"]?.GetValue<string>() ?? "?";
        var path = t["path"]?.GetValue<string>() ?? name;
        return new JsonObject { ["tool"] = name, ["path"] = path, ["problem"] = Problem(path) };
    }

    private static string? Problem(string path)
    {
        var found = path.StartsWith('/') ? path
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, path)).FirstOrDefault(File.Exists);
        if (found is null || !File.Exists(found))
        {
            return "not found";
        }

        if ((File.GetUnixFileMode(found) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
        {
            return "not executable";
        }

        // A fake wrapper: exec 'PROGRAM' --release ...; the program must exist for the tool to start.
        var exec = File.ReadLines(found).Take(5).FirstOrDefault(l => l.StartsWith("exec ", StringComparison.Ordinal));
        var program = exec is null ? null : exec[5..].Trim().Split(' ')[0].Trim('\'');
        return program is not null && program.StartsWith('/') && !File.Exists(program) ? $"its program {program} is missing" : null;
    }

    private static JsonObject Database(JsonObject d, ToolContext ctx)
    {
        var name = d["name"]?.GetValue<string>() ?? "?";
        var section = name.EndsWith("_api", StringComparison.Ordinal) ? "api_database" : "database";
        var entry = new JsonObject
        {
            ["name"] = name,
            ["database"] = null,
            ["cell"] = null,
            ["layout"] = $"fake {ctx.Release.Name}",
            ["revision"] = null,
            ["heads"] = new JsonArray((JsonNode)$"{ctx.Release.Name}_{FakeSchema.Contracted}"),
            ["error"] = null,
        };
        try
        {
            entry["database"] = ctx.Connection(section).Database;
            var schema = new FakeSchema(ctx.Sql(section), name, ctx).Load();
            entry["revision"] = schema.Current is null ? null : new JsonArray((JsonNode)schema.Revision);
        }
        catch (ToolExit e)
        {
            entry["error"] = ctx.Redactor.Clean(e.Message);
        }

        return entry;
    }
}
