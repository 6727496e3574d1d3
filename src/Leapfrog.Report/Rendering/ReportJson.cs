using System.Text.Json;
using System.Text.Json.Serialization;
using Leapfrog.Report.Model;

namespace Leapfrog.Report.Rendering;

/// <summary>report.json: the report's content as data (docs/report.schema.json).</summary>
internal static class ReportJson
{
    /// <summary>Indented JSON; &lt;, &gt; and &amp; are written as \u escapes, so the text is also safe inside an HTML page.</summary>
    public static string Write(RunReport report) => JsonSerializer.Serialize(report, ReportJsonContext.Default.RunReport);
}

/// <summary>Source-generated JSON (Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(RunReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
