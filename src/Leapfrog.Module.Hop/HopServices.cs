using System.Text.Json.Nodes;
using Leapfrog.Core;
using Leapfrog.Engine;
using Leapfrog.Remote;

namespace Leapfrog.Module.Hop;

/// <summary>
/// One hop for several services in one module run (<c>services</c> instead of <c>service</c>): each service's hop is the
/// same as its own module run would be (its own connection, lock, state file, detached steps, verdict), and they run
/// wave by wave as the catalog's <c>after</c> allows, the services of a wave at once (<c>parallel: false</c>: one at a
/// time, in the order given, the next one's steps beside the previous one's verification). A failed hop stops the
/// services not yet started, once every hop of its wave has ended. One
/// process instead of one per service, and no per-service polling by Ansible: the upgrade role calls this once a hop.
/// </summary>
internal static class HopServices
{
    /// <summary>The parameters of this mode (<c>services</c> is the standing query's too).</summary>
    public static readonly IReadOnlyCollection<string> Parameters = ["config_files", "parallel"];

    /// <summary>True when the task names services to hop (not the standing query).</summary>
    public static bool Asked(ModuleArgs args) => args.Has("services") && !HopStanding.Asked(args);

    /// <summary>Validates every service's hop (nothing runs when one is bad), then runs them.</summary>
    public static async Task<JsonObject> RunAsync(ModuleArgs args)
    {
        if (args.Has("service"))
        {
            throw new InvalidRequestException("give service (one hop) or services (one hop for each), not both");
        }

        var names = args.GetList("services");
        if (names.Count == 0)
        {
            throw new InvalidRequestException("services: name at least one service");
        }

        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidRequestException($"services: {Printable.Clip(twice.Key, 40)} is named twice");
        }

        var configFiles = args.GetObject("config_files");
        var requests = names.Select(n => HopArgs.Request(args.With("services", null).With("service", n).With("config_file", ConfigFile(args, configFiles, n))))
            .ToList();
        var connection = HopArgs.Connection(args);
        var reconnect = TimeSpan.FromSeconds(args.GetInt("reconnect_timeout", 300, 0, 86400));
        var parallel = args.GetBool("parallel", true);
        var catalog = requests[0].Catalog;
        var waves = parallel
            ? catalog.Waves(requests.Select(r => catalog.Find(r.Service.Name)))
                .Select(w => requests.Where(r => w.Any(s => s.Name == r.Service.Name)).ToList()).ToList()
            : requests.Select(r => new List<HopRequest> { r }).ToList();

        var results = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var started = new List<Running>();
        string? stoppedBy = null;
        foreach (var wave in waves)
        {
            if (stoppedBy is not null)
            {
                foreach (var r in wave)
                {
                    results[r.Service.Name] = NotRun(r, stoppedBy);
                }

                continue;
            }

            var now = wave.Select(r => Start(r, connection, reconnect)).ToList();
            started.AddRange(now);
            if (parallel)
            {
                await Task.WhenAll(now.Select(x => x.Ended)).ConfigureAwait(false);
            }
            else
            {
                // One at a time: the next service starts once this one's steps have ended, while its verification
                // (which only reads) runs; the service before it has ended by then, so at most one verification runs
                // beside the next service's steps, and a failed one stops every service not yet started.
                await Task.WhenAny(now[0].StepsEnded, now[0].Ended).ConfigureAwait(false);
                await Task.WhenAll(started.SkipLast(1).Select(x => x.Ended)).ConfigureAwait(false);
            }

            var failed = started.Where(x => x.Ended.IsCompleted && Failed(x.Ended.Result)).Select(x => x.Request.Service.Name).ToList();
            stoppedBy = failed.Count > 0 ? string.Join(", ", failed) : null;
        }

        foreach (var x in started)
        {
            results[x.Request.Service.Name] = await x.Ended.ConfigureAwait(false);
        }

        var list = names.Select(n => results[n]).ToList();
        var failures = list.Where(Failed).ToList();
        return new JsonObject
        {
            ["changed"] = list.Any(r => r["changed"] is JsonValue c && c.GetValue<bool>()),
            ["failed"] = failures.Count > 0,
            ["msg"] = failures.Count == 0
                ? string.Join("; ", list.Select(r => (string?)r["msg"]))
                : string.Join(" | ", failures.Select(r => $"{r["service"]}: {r["msg"]}")),
            ["results"] = new JsonArray(list.Select(r => (JsonNode)r).ToArray()),
            ["warnings"] = new JsonArray(list.SelectMany(r => (r["warnings"] as JsonArray ?? []).Select(w => (JsonNode)$"{r["service"]}: {w}")).ToArray()),
        };
    }

    /// <summary>The service's entry in <c>config_files</c>, else <c>config_file</c>, else null (the catalog's).</summary>
    private static string? ConfigFile(ModuleArgs args, JsonObject? configFiles, string service) =>
        configFiles?[service] switch
        {
            null => args.GetString("config_file"),
            JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
            _ => throw new InvalidRequestException($"config_files: the entry for {Printable.Clip(service, 40)} must be a path"),
        };

    private static bool Failed(JsonObject result) => result["failed"] is JsonValue f && f.GetValue<bool>();

    /// <summary>A service's hop under way: its result when it ends, and the end of its steps (<see cref="HopRunner.StepsEnded"/>).</summary>
    private sealed record Running(HopRequest Request, Task<JsonObject> Ended, Task StepsEnded);

    private static Running Start(HopRequest request, ShellOptions connection, TimeSpan reconnect)
    {
        var stepsEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return new Running(request, RunOneAsync(request, connection, reconnect, stepsEnded), stepsEnded.Task);
    }

    /// <summary>One service's hop, its result as its own module run would return it, a refusal included.</summary>
    private static async Task<JsonObject> RunOneAsync(HopRequest request, ShellOptions connection, TimeSpan reconnect, TaskCompletionSource stepsEnded)
    {
        JsonObject result;
        try
        {
            await using var shell = ShellFactory.Create(connection, TimeProvider.System);
            var runner = new HopRunner(shell, request, TimeProvider.System, reconnect);
            _ = runner.StepsEnded.ContinueWith(_ => stepsEnded.TrySetResult(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            var outcome = await runner.RunAsync().ConfigureAwait(false);
            result = HopResult.ToJson(outcome, request, shell.Target);
        }
#pragma warning disable CA1031 // one service's error is its own failed result, as its own module run's would be; the others' results still count
        catch (Exception ex)
#pragma warning restore CA1031
        {
            result = ModuleHost.Failure(ex);
        }

        result["service"] ??= request.Service.Name;
        result["from_release"] ??= request.From.Id;
        result["to_release"] ??= request.To.Id;
        return result;
    }

    private static JsonObject NotRun(HopRequest request, string failed) => new()
    {
        ["changed"] = false,
        ["failed"] = false,
        ["skipped"] = true,
        ["msg"] = $"not run: it waits for {failed}, whose hop failed",
        ["service"] = request.Service.Name,
        ["from_release"] = request.From.Id,
        ["to_release"] = request.To.Id,
    };
}
