using System.Text.Json.Nodes;
using Leapfrog.Report.Building;

namespace Leapfrog.Report.Tests;

/// <summary>The optional inputs beside the real state files: a rehearsal record and backup manifests.</summary>
[Collection("real-run")]
public sealed class InputsTests(RealRun run)
{
    [Fact]
    public void A_rehearsal_record_puts_the_predicted_window_beside_the_actual_one_and_a_foreign_one_is_listed()
    {
        var record = Path.Combine(Path.GetTempPath(), $"lf-rehearsal-{Guid.NewGuid():N}.json");
        File.WriteAllText(record, """
            {"format": "leapfrog-rehearsal/1", "predicted_window_s": 42.5,
             "hops": [{"from": "wallaby", "to": "xena", "service": "keystone", "predicted_s": 7.25}]}
            """);
        var keystone = JsonNode.Parse(File.ReadAllText(Path.Combine(run.StateDir, "keystone.json")))!["hops"]![1]!;
        var actual = (DateTimeOffset.Parse((string)keystone["finished"]!) - DateTimeOffset.Parse((string)keystone["started"]!)).TotalSeconds;

        var json = Report(record);

        var hop = json["rehearsal"]!["hops"]![0]!;
        Assert.Equal(42.5, (double)json["rehearsal"]!["predicted_window_s"]!);
        Assert.Equal(7.25, (double)hop["predicted_s"]!);
        Assert.Equal(actual, (double)hop["actual_s"]!, 3);

        File.WriteAllText(record, """{"format": "something-else/2"}""");
        json = Report(record);
        Assert.Null(json["rehearsal"]);
        Assert.Contains(json["unread"]!.AsArray(), u => (string)u!["file"]! == record && ((string)u["reason"]!).Contains("not a rehearsal record", StringComparison.Ordinal));
    }

    [Fact]
    public void Backups_are_named_where_they_lie_with_size_checksum_and_where_the_checksum_is_recorded()
    {
        var copies = Path.Combine(Path.GetTempPath(), $"lf-backups-{Guid.NewGuid():N}");
        var manifest = Path.Combine(copies, "01-victoria-to-wallaby", "keystone", "MANIFEST.json");
        Directory.CreateDirectory(Path.GetDirectoryName(manifest)!);
        var sha = new string('a', 64);
        File.WriteAllText(manifest, $$"""
            {"created": "2026-01-01T00:00:00Z", "dumps": [{"database": "keystone", "file": "keystone.sql.gz", "sha256": "{{sha}}", "bytes": 2048}]}
            """);

        var json = Report(null, copies, "/var/backups/leapfrog");

        var b = json["backups"]![0]!;
        Assert.Equal(("01-victoria-to-wallaby", "keystone", "/var/backups/leapfrog/01-victoria-to-wallaby/keystone/keystone.sql.gz", 2048L, sha),
            ((string)b["label"]!, (string)b["service"]!, (string)b["path"]!, (long)b["bytes"]!, (string)b["sha256"]!));
        Assert.Equal("/var/backups/leapfrog/01-victoria-to-wallaby/keystone/MANIFEST.json and /var/backups/leapfrog/01-victoria-to-wallaby/keystone/keystone.sql.gz.sha256",
            (string)b["recorded_in"]!);
    }

    private JsonNode Report(string? rehearsal, string? backups = null, string? root = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "lf-report-out-" + Guid.NewGuid().ToString("N")[..8]);
        ReportWriter.Write(new ReportInput
        {
            State = [run.StateDir], Rehearsal = rehearsal, Backups = backups is null ? [] : [backups], BackupRoot = root, OutDir = dir,
        }, DateTimeOffset.UtcNow);
        return JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "report.json")))!;
    }
}
