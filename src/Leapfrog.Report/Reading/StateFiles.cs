using System.Text.Json.Nodes;
using Leapfrog.Report.Model;

namespace Leapfrog.Report.Reading;

/// <summary>One service's state file as read: what could be read of it.</summary>
internal sealed record ServiceFile(string File, string Service, string? Release, string? Updated, List<RecordedHop> Hops, bool Locked);

/// <summary>A hop of a state file, with the releases it joins.</summary>
internal sealed record RecordedHop(string From, string To, ServiceHop Run);

/// <summary>
/// Reads the state files (<c>&lt;service&gt;.json</c>) of one or more state directories, as the hop module writes them
/// (src/Leapfrog.Engine/StateModel.cs). Lenient: what cannot be read is listed with its file name and the rest is kept.
/// </summary>
internal static class StateFiles
{
    public static List<ServiceFile> Read(IEnumerable<string> paths, List<Unread> unread, List<SourceFile> sources)
    {
        var files = new List<ServiceFile>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var inDir = Directory.EnumerateFiles(path, "*.json").Order(StringComparer.Ordinal).ToList();
                if (inDir.Count == 0)
                {
                    unread.Add(new Unread(path, "holds no state file (<service>.json)"));
                }

                foreach (var file in inDir)
                {
                    ReadOne(file, files, unread, sources);
                }
            }
            else
            {
                ReadOne(path, files, unread, sources);
            }
        }

        return files;
    }

    private static void ReadOne(string file, List<ServiceFile> files, List<Unread> unread, List<SourceFile> sources)
    {
        var text = InputFile.Read(file, out var error);
        var root = text is null ? null : Json.Parse(text, out error);
        if (root is null)
        {
            unread.Add(new Unread(file, error ?? "cannot be read"));
            return;
        }

        var service = Json.Str(root, "service");
        if (root is not JsonObject || string.IsNullOrWhiteSpace(service) || (root as JsonObject)!["hops"] is not JsonArray)
        {
            unread.Add(new Unread(file, "not a leapfrog state file (no service name or no hops list)"));
            return;
        }

        if (Json.Int(root, "format") is { } format && format != 1)
        {
            unread.Add(new Unread(file, $"state file format {format} is not one this report reads (format 1); read as far as it matches"));
        }

        sources.Add(new SourceFile(file, "state"));
        var hops = new List<RecordedHop>();
        var index = 0;
        foreach (var hop in Json.Arr(root, "hops"))
        {
            index++;
            var recorded = Hop(hop, file, service);
            if (recorded is null)
            {
                unread.Add(new Unread(file, $"hop {index} of {service} lacks from, to, run_id, started or outcome: left out"));
                continue;
            }

            hops.Add(recorded);
        }

        var dir = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        var locked = Directory.Exists(Path.Combine(dir, service + ".lock"));
        files.Add(new ServiceFile(file, service, Json.Str(root, "release"), Json.Str(root, "updated"), hops, locked));
    }

    private static RecordedHop? Hop(JsonNode hop, string file, string service)
    {
        var (from, to, runId, started, outcome) =
            (Json.Str(hop, "from"), Json.Str(hop, "to"), Json.Str(hop, "run_id"), Json.Str(hop, "started"), Json.Str(hop, "outcome"));
        if (from is null || to is null || runId is null || started is null || outcome is null)
        {
            return null;
        }

        var finished = Json.Str(hop, "finished");
        var duration = Json.Time(finished) is { } end && Json.Time(started) is { } start ? (end - start).TotalSeconds : (double?)null;
        return new RecordedHop(from, to, new ServiceHop
        {
            Service = service,
            RunId = runId,
            Outcome = outcome,
            Message = Json.Str(hop, "message"),
            Started = started,
            Finished = finished,
            DurationS = duration,
            StateFile = file,
            Steps = Json.Arr(hop, "steps").Select(Step).OfType<StepRow>().ToList(),
            Cells = Json.Arr(hop, "cells").Select(Cell).OfType<CellRow>().ToList(),
        });
    }

    private static CellRow? Cell(JsonNode cell) =>
        Json.Str(cell, "uuid") is not { } uuid ? null : new CellRow
        {
            Name = Json.Str(cell, "name") ?? "",
            Uuid = uuid,
            Outcome = Json.Str(cell, "outcome") ?? "unknown",
            Message = Json.Str(cell, "message"),
            Finished = Json.Str(cell, "finished"),
            Steps = Json.Arr(cell, "steps").Select(Step).OfType<StepRow>().ToList(),
        };

    /// <summary>A step record; its name is <c>kind:name</c>.</summary>
    private static StepRow? Step(JsonNode step)
    {
        if (Json.Str(step, "name") is not { } full)
        {
            return null;
        }

        var colon = full.IndexOf(':', StringComparison.Ordinal);
        return new StepRow
        {
            Name = colon < 0 ? full : full[(colon + 1)..],
            Kind = colon < 0 ? "step" : full[..colon],
            Outcome = Json.Str(step, "outcome") ?? "unknown",
            Rc = Json.Int(step, "rc"),
            DurationS = Math.Max(0, Json.Num(step, "duration_s") ?? 0),
            Runs = Json.Int(step, "runs") ?? 0,
            Started = Json.Str(step, "started"),
            Command = Json.Str(step, "command"),
        };
    }
}
