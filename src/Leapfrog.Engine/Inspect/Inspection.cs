using System.Text.Json;
using System.Text.Json.Nodes;
using Leapfrog.Core.Catalog;

namespace Leapfrog.Engine;

/// <summary>
/// The hop's read-only questions (are the tools there and can they start; which revision does each database
/// record; which heads do the toolbox's migration scripts define), asked of the toolbox's own python3 in one
/// process with the embedded <c>inspect.py</c>, and its answer.
/// </summary>
internal sealed class Inspection
{
    private static readonly Lazy<string> LazyScript = new(() =>
    {
        using var stream = typeof(Inspection).Assembly.GetManifestResourceStream("Leapfrog.Engine.inspect.py")
            ?? throw new InvalidOperationException("the embedded inspect.py is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private Inspection(string? configProblem, IReadOnlyList<ToolProblem> problems, IReadOnlyList<DatabaseRevision> databases, IReadOnlyList<BlockerFinding> findings)
    {
        ConfigProblem = configProblem;
        Problems = problems;
        Databases = databases;
        Findings = findings;
    }

    /// <summary>The script run by the toolbox's python3 (<c>python3 -c SCRIPT REQUEST</c>).</summary>
    public static string Script => LazyScript.Value;

    /// <summary>Why the tools cannot read the config file where they read it (e.g. <c>does not exist</c>), or null.</summary>
    public string? ConfigProblem { get; }

    /// <summary>The tools that are missing or cannot start.</summary>
    public IReadOnlyList<ToolProblem> Problems { get; }

    /// <summary>Every database, cell databases included, with its recorded revision and the shipped heads.</summary>
    public IReadOnlyList<DatabaseRevision> Databases { get; }

    /// <summary>What the blocker checks asked for found (a finding per cell), or why they could not check.</summary>
    public IReadOnlyList<BlockerFinding> Findings { get; }

    /// <summary>
    /// The version the asked tool's distribution has, read by the interpreter the tool runs with (what the tool's
    /// <c>--version</c> prints); null when it was not asked or could not be told for sure.
    /// </summary>
    public string? ToolVersion { get; private init; }

    /// <summary>
    /// The cells as <c>nova-manage cell_v2 list_cells --verbose</c> lists them (database URLs with their passwords: keep
    /// them in memory only); null when they were not asked for or could not be read (<see cref="CellsError"/>).
    /// </summary>
    public IReadOnlyList<CellRow>? Cells { get; private init; }

    /// <summary>Why the cells could not be read (passwords masked); null when they were, or were not asked for.</summary>
    public string? CellsError { get; private init; }

    /// <summary>The argv (before the toolbox wraps it) that asks the questions.</summary>
    /// <param name="configFile">The service config file.</param>
    /// <param name="service">The service name.</param>
    /// <param name="tools">Each tool with the path the toolbox runs it by.</param>
    /// <param name="databases">The catalog's schema databases of the service.</param>
    /// <param name="checks">Blocker checks to run (read-only); none when null.</param>
    /// <param name="versionTool">The path of the tool whose version to read from its distribution; none when null.</param>
    /// <param name="cells">
    /// To list the cells: the config option holding the API database's URL and the one cell URL templates are filled
    /// from; none when null.
    /// </param>
    public static IReadOnlyList<string> Argv(
        string configFile, string service, IEnumerable<(string Tool, string Path)> tools, IEnumerable<SchemaDatabase> databases,
        IEnumerable<BlockerDefinition>? checks = null, string? versionTool = null, (string Url, string Default)? cells = null)
    {
        var request = new JsonObject
        {
            ["config"] = configFile,
            ["service"] = service,
            ["tools"] = new JsonArray(tools.Select(t => (JsonNode)new JsonObject { ["tool"] = t.Tool, ["path"] = t.Path }).ToArray()),
            ["databases"] = new JsonArray(databases.Select(d => (JsonNode)new JsonObject
            {
                ["name"] = d.Name,
                ["url"] = d.Url,
                ["cells_from"] = d.CellsFrom,
                ["layouts"] = new JsonArray(d.Layouts.Select(l => (JsonNode)new JsonArray(l.Select(x => (JsonNode)x).ToArray())).ToArray()),
            }).ToArray()),
        };
        if (checks is not null)
        {
            request["checks"] = Checks(checks, databases.ToList());
        }

        if (versionTool is not null)
        {
            request["version"] = new JsonObject { ["tool"] = versionTool };
        }

        if (cells is { } c)
        {
            request["cells"] = new JsonObject { ["url"] = c.Url, ["default"] = c.Default };
        }

        return ["python3", "-c", Script, request.ToJsonString()];
    }

    /// <summary>
    /// The blocker checks as the script takes them: a SQL check names the config option holding its database's URL
    /// (<c>url</c>) and, to run in every cell, the option holding the API database's URL that maps them (<c>cells_url</c>).
    /// </summary>
    public static JsonArray Checks(IEnumerable<BlockerDefinition> checks, IReadOnlyList<SchemaDatabase> databases) =>
        new(checks.Select(b =>
        {
            var db = databases.FirstOrDefault(d => d.Name == b.Detect.Database);
            var cells = b.Detect.Cells && db?.CellsFrom is { } from ? databases.FirstOrDefault(d => d.Name == from)?.Url : null;
            return (JsonNode)new JsonObject
            {
                ["id"] = b.Id,
                ["kind"] = b.Detect.Kind,
                ["option"] = b.Detect.Option,
                ["contains"] = b.Detect.Contains,
                ["url"] = db?.Url,
                ["cells_url"] = cells,
                ["query"] = b.Detect.Query,
                ["threshold"] = b.Detect.Threshold?.Python,
                ["factor"] = b.Detect.Factor,
            };
        }).ToArray());

    /// <summary>Reads the script's answer (the last stdout line that is a JSON object); null when there is none.</summary>
    /// <param name="stdout">The script's stdout.</param>
    /// <param name="clean">Removes secrets from the texts kept (paths, errors).</param>
    public static Inspection? Parse(string stdout, Func<string, string> clean)
    {
        var line = stdout.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('{'));
        if (line is null)
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(line) is not JsonObject answer || answer["inspect"] is null)
            {
                return null;
            }

            var problems = (answer["tools"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Where(t => Text(t["problem"]) is not null)
                .Select(t => new ToolProblem(Text(t["tool"]) ?? "?", clean(Text(t["path"]) ?? "?"), clean(Text(t["problem"])!)))
                .ToList();
            var databases = (answer["databases"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Select(d => new DatabaseRevision
                {
                    Name = Text(d["name"]) ?? "?",
                    Database = Text(d["database"]),
                    Cell = Text(d["cell"]),
                    Revision = Strings(d["revision"]),
                    Heads = Strings(d["heads"]),
                    Layout = Text(d["layout"]),
                    Error = Text(d["error"]) is { } e ? clean(e) : null,
                })
                .ToList();
            var findings = (answer["findings"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Select(f => new BlockerFinding(
                    Text(f["id"]) ?? "?",
                    Text(f["cell"]),
                    (f["rows"] as JsonArray ?? []).OfType<JsonArray>().Select(r => clean(string.Join(", ", r.Select(Text)))).ToList(),
                    Text(f["error"]) is { } e ? clean(e) : null))
                .ToList();
            var config = Text((answer["config"] as JsonObject)?["problem"]);
            return new Inspection(config is null ? null : clean(config), problems, databases, findings)
            {
                ToolVersion = Text((answer["version"] as JsonObject)?["version"]) is { } v ? clean(v) : null,
                Cells = CellRows(answer["cells"]),
                CellsError = Text(answer["cells_error"]) is { } ce ? clean(ce) : answer["cells"] is JsonArray && CellRows(answer["cells"]) is null ? "a cell without a valid UUID" : null,
            };
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The cell rows, UUIDs lowercased as the cell table's; null when absent or a row lacks a valid UUID.</summary>
    private static List<CellRow>? CellRows(JsonNode? node)
    {
        if (node is not JsonArray rows)
        {
            return null;
        }

        var cells = rows.OfType<JsonObject>().Select(r => (Name: Text(r["name"]), Uuid: Text(r["uuid"]), Database: Text(r["database"]))).ToList();
        return cells.Count == rows.Count && cells.All(c => c.Name is not null && c.Database is not null && CellTable.IsUuid(c.Uuid))
            ? cells.Select(c => new CellRow(c.Name!, c.Uuid!.ToLowerInvariant(), c.Database!)).ToList()
            : null;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static List<string>? Strings(JsonNode? node) =>
        node is JsonArray a ? a.Select(Text).Where(s => s is not null).Select(s => s!).ToList() : null;
}
