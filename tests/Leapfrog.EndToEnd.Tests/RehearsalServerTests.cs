using System.Globalization;
using System.Text.Json;
using Leapfrog.Testing;

namespace Leapfrog.EndToEnd.Tests;

/// <summary>
/// rehearse.yml with leapfrog_rehearse_server: the copy goes into a second, real MariaDB the operator names, which keeps
/// everything it held before; the proof comes from that server itself (its own counters of databases created and
/// dropped, its schemata, the operator's rows) and from the production server's CHECKSUM TABLE.
/// </summary>
public sealed class RehearsalServerTests(ITestOutputHelper output)
{
    [Fact]
    public void The_copy_goes_into_the_server_the_operator_names_and_only_what_the_rehearsal_created_is_dropped()
    {
        using var box = Sandbox.Up("victoria wallaby", "keystone");
        using var other = MariaDbServer.Launch();
        other.CreateDatabase("operator_data");
        other.Exec("CREATE TABLE t (x INT); INSERT INTO t VALUES (42)", "operator_data");
        var before = Checksums(box);
        var created = Counter(other, "Com_create_db");
        var (dir, record) = (Path.Combine(box.Dir, "rehearse"), Path.Combine(box.Dir, "record.json"));

        var run = Playbook.Run(box, "rehearse.yml", "-e", $"leapfrog_rehearse_dir={dir}", "-e", $"leapfrog_rehearse_record={record}", "-e", Server(other));
        output.WriteLine(run.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"into the existing MariaDB at 127.0.0.1:{other.Port}", run.Output, StringComparison.Ordinal);
        Assert.Contains("every hop went through", run.Output, StringComparison.Ordinal);
        Assert.Contains("dropped the database(s) it created on the scratch server: keystone", run.Output, StringComparison.Ordinal);

        // The named server itself: it created keystone (the load) and the marker database, and both are gone again;
        // the operator's database and row are as they were.
        Assert.True(Counter(other, "Com_create_db") >= created + 2, "the named server created no database");
        Assert.Equal(["operator_data"], Schemata(other));
        Assert.Equal("42", other.Scalar("SELECT x FROM t", "operator_data"));

        // Production untouched; no throwaway server was started; the password is nowhere in the output or the record.
        Assert.Equal(before, Checksums(box));
        Assert.False(Directory.Exists(dir));
        Assert.DoesNotContain(other.AdminPassword, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(other.AdminPassword, File.ReadAllText(record), StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(File.ReadAllText(record));
        Assert.Equal("passed", doc.RootElement.GetProperty("outcome").GetString());
    }

    [Fact]
    public void A_named_server_that_is_production_or_holds_a_database_the_copy_needs_is_refused_with_nothing_done()
    {
        using var box = Sandbox.Up("victoria wallaby", "keystone");
        using var other = MariaDbServer.Launch();
        var before = Checksums(box);
        var mark = box.Witness.Mark();
        var dbPort = int.Parse(File.ReadAllLines(Path.Combine(box.Dir, "sandbox.env")).Single(l => l.StartsWith("DB_PORT=", StringComparison.Ordinal))[8..], CultureInfo.InvariantCulture);
        var (dir, record) = (Path.Combine(box.Dir, "rehearse"), Path.Combine(box.Dir, "record.json"));
        PlaybookRun Rehearse(params string[] extra) =>
            Playbook.Run(box, "rehearse.yml", [.. extra, "-e", $"leapfrog_rehearse_dir={dir}", "-e", $"leapfrog_rehearse_record={record}"]);
        void Refused(PlaybookRun run, string message)
        {
            output.WriteLine(run.ToString());
            Assert.True(run.ExitCode != 0, run.ToString());
            var text = run.Output.Replace("\n", " ", StringComparison.Ordinal);
            Assert.Contains(message, text, StringComparison.Ordinal);
            Assert.Contains("nothing was started", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Traceback", run.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(other.AdminPassword, run.Output, StringComparison.Ordinal);
            Assert.False(Path.Exists(dir), $"{dir} was left");
            Assert.False(File.Exists(record));
        }

        // Production, named as "localhost" where the services' URLs say 127.0.0.1: the same server.
        Refused(Rehearse("-e", $"{{\"leapfrog_rehearse_server\": {{\"host\": \"localhost\", \"port\": {dbPort}, \"user\": \"x\", \"password\": \"y\"}}}}"),
            $"scratch_server localhost:{dbPort} is a production database server");

        // A database of the copy's name that the operator made there: never overwritten, with or without drop_leftovers.
        other.CreateDatabase("keystone");
        other.Exec("CREATE TABLE mine (x INT); INSERT INTO mine VALUES (7)", "keystone");
        Refused(Rehearse("-e", Server(other)), "already holds database(s) named keystone, which no rehearsal created there");
        Refused(Rehearse("-e", Server(other), "-e", "leapfrog_rehearse_server_drop_leftovers=true"), "which no rehearsal created there");
        Assert.Equal("7", other.Scalar("SELECT x FROM mine", "keystone"));
        Assert.Equal(["keystone"], Schemata(other));

        // One an earlier rehearsal left (listed in its marker table): refused unless drop_leftovers, then dropped and replaced.
        other.Exec("DROP DATABASE keystone; CREATE DATABASE keystone; CREATE DATABASE leapfrog_rehearsal; " +
                   "CREATE TABLE leapfrog_rehearsal.created (name VARCHAR(64) PRIMARY KEY, rehearsal VARCHAR(512) NOT NULL, created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP); " +
                   "INSERT INTO leapfrog_rehearsal.created (name, rehearsal) VALUES ('keystone', 'elsewhere:/gone')");
        Refused(Rehearse("-e", Server(other)), "that an earlier rehearsal created there and left");
        Assert.Empty(box.Witness.Since(mark)); // no tool ran in any of the refusals

        var dropped = Counter(other, "Com_drop_db");
        var run = Rehearse("-e", Server(other), "-e", "leapfrog_rehearse_server_drop_leftovers=true");
        output.WriteLine(run.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("dropped the leftover(s) of an earlier rehearsal", run.Output, StringComparison.Ordinal);
        Assert.True(Counter(other, "Com_drop_db") >= dropped + 2, "the named server dropped nothing");
        Assert.Empty(Schemata(other));
        Assert.Equal(before, Checksums(box));
        Assert.False(Path.Exists(dir));
    }

    private static string Server(MariaDbServer s) =>
        $"{{\"leapfrog_rehearse_server\": {{\"host\": \"127.0.0.1\", \"port\": {s.Port}, \"user\": \"{s.AdminUser}\", \"password\": \"{s.AdminPassword}\"}}}}";

    private static long Counter(MariaDbServer s, string name) =>
        long.Parse(s.Query($"SHOW GLOBAL STATUS LIKE '{name}'")[0][1], CultureInfo.InvariantCulture);

    private static List<string> Schemata(MariaDbServer s) =>
        [.. s.Query("SELECT schema_name FROM information_schema.schemata WHERE schema_name NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys') ORDER BY 1").Select(r => r[0])];

    private static string Checksums(Sandbox box)
    {
        var tables = box.Sql("SELECT CONCAT('`', table_schema, '`.`', table_name, '`') FROM information_schema.tables WHERE table_schema NOT IN " +
                             "('mysql', 'information_schema', 'performance_schema', 'sys') AND table_type = 'BASE TABLE' ORDER BY 1")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(tables);
        return box.Sql($"CHECKSUM TABLE {string.Join(", ", tables)} EXTENDED");
    }
}
