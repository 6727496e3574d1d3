using System.Security.Cryptography;
using System.Text.Json;
using Leapfrog.Core.Catalog;
using Leapfrog.Remote;

namespace Leapfrog.Engine.Tests;

/// <summary>Backup and restore of a real MariaDB database over a real sshd, judged by MariaDB's own checksums and the dump tool's own log.</summary>
[Collection("controller")]
public sealed class BackupTests(ControllerFixture fx, StandInDump dump) : IClassFixture<StandInDump>
{
    [Fact]
    public async Task A_backup_then_a_restore_puts_back_every_table_as_MariaDB_checksums_it()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        fx.Db.Exec("CREATE TABLE operator_rows (id INT PRIMARY KEY, name VARCHAR(40)) ENGINE=InnoDB; INSERT INTO operator_rows VALUES (1, 'kept'), (2, 'also kept')", cloud.Database);
        Directory.CreateDirectory(cloud.StateDir);
        File.WriteAllText(cloud.StateFile, """{"service": "keystone", "release": "victoria", "hops": []}""");
        var before = Checksums(cloud.Database);

        var backup = await RunAsync(cloud, BackupAction.Backup);

        Assert.True(backup.Changed, backup.Message);
        var d = Assert.Single(backup.Dumps);
        var file = Path.Combine(Dir(cloud), "keystone", $"{cloud.Database}.sql.gz");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))), d.Sha256);
        Assert.Equal(new FileInfo(file).Length, d.Bytes);
        using (var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir(cloud), "keystone", "MANIFEST.json"))))
        {
            Assert.Equal(d.Sha256, manifest.RootElement.GetProperty("dumps")[0].GetProperty("sha256").GetString());
        }

        Assert.Single(dump.Starts(cloud.Database));
        Assert.EndsWith($"--single-transaction --skip-lock-tables --quick --routines --triggers --hex-blob --add-drop-database --databases {cloud.Database}", dump.Starts(cloud.Database)[0]);
        Assert.Equal("600", dump.Starts(cloud.Database)[0].Split(' ')[1]); // the option file with the password

        fx.Db.Exec("DELETE FROM operator_rows WHERE id = 1; CREATE TABLE added_later (x INT)", cloud.Database);
        File.WriteAllText(cloud.StateFile, """{"service": "keystone", "release": "wallaby", "hops": []}""");
        Assert.NotEqual(before, Checksums(cloud.Database));

        var again = await RunAsync(cloud, BackupAction.Backup);
        Assert.False(again.Changed, again.Message); // a complete backup is kept: it holds the database as it was before the hop
        Assert.Single(dump.Starts(cloud.Database));

        var restore = await RunAsync(cloud, BackupAction.Restore);

        Assert.True(restore.Changed, restore.Message);
        Assert.Equal(before, Checksums(cloud.Database));
        Assert.Contains("\"victoria\"", File.ReadAllText(cloud.StateFile));
    }

    [Fact]
    public async Task A_damaged_dump_is_refused_before_anything_is_loaded()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        await RunAsync(cloud, BackupAction.Backup);
        var file = Path.Combine(Dir(cloud), "keystone", $"{cloud.Database}.sql.gz");
        File.AppendAllText(file, "x");
        fx.Db.Exec("CREATE TABLE after_backup (x INT)", cloud.Database);

        var error = await Assert.ThrowsAsync<ControllerException>(() => RunAsync(cloud, BackupAction.Restore));

        Assert.Contains("does not match its checksum", error.Message);
        Assert.Equal("1", fx.Db.Scalar($"SELECT COUNT(*) FROM information_schema.TABLES WHERE table_schema = '{cloud.Database}' AND table_name = 'after_backup'"));
    }

    [Fact]
    public async Task Cutting_the_ssh_connection_mid_dump_re_attaches_and_the_dump_runs_once()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        dump.Slow = 3;
        try
        {
            var run = RunAsync(cloud, BackupAction.Backup);
            await WaitUntil(() => dump.Starts(cloud.Database).Count == 1);
            await Task.Delay(500);
            var cut = dump.Ssh.KillSessionChildren();
            var outcome = await run;

            Assert.True(cut > 0);
            Assert.True(outcome.Reconnects >= 1, $"reconnects {outcome.Reconnects}");
            Assert.Single(dump.Starts(cloud.Database)); // the tool's own log: one dump
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(Dir(cloud), "keystone", $"{cloud.Database}.sql.gz")))),
                Assert.Single(outcome.Dumps).Sha256);
        }
        finally
        {
            dump.Slow = 0;
        }
    }

    [Fact]
    public async Task A_backup_is_refused_while_a_hop_holds_the_lock_naming_it_and_dumps_nothing()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        var lockDir = Path.Combine(cloud.StateDir, "keystone.lock");
        Directory.CreateDirectory(lockDir);
        File.WriteAllText(Path.Combine(lockDir, "owner.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["run_id"] = "0123456789abcdef0123456789abcdef", ["owner"] = "ops@deploy-2", ["host"] = "deploy-2", ["pid"] = 4194303,
            ["pid_space"] = "other-boot pid:[1]", ["started"] = "2026-01-01T00:00:00.000Z", ["hop"] = "victoria -> wallaby",
        }));

        var backup = await Assert.ThrowsAsync<ControllerException>(() => RunAsync(cloud, BackupAction.Backup));
        Assert.StartsWith("keystone is locked by ops@deploy-2 (pid 4194303 on deploy-2, since 2026-01-01T00:00:00.000Z, hop victoria -> wallaby)", backup.Message);
        Assert.Empty(dump.Starts(cloud.Database));
        Assert.False(File.Exists(Path.Combine(Dir(cloud), "keystone", $"{cloud.Database}.sql.gz")));

        Directory.Delete(lockDir, recursive: true);
        await RunAsync(cloud, BackupAction.Backup);
        Directory.CreateDirectory(lockDir);
        File.WriteAllText(Path.Combine(lockDir, "owner.json"), """{"run_id": "1", "owner": "ops@deploy-2", "host": "deploy-2", "pid": 4194303, "started": "2026-01-01T00:00:00.000Z", "hop": "victoria -> wallaby"}""");
        fx.Db.Exec("CREATE TABLE made_by_the_hop (x INT)", cloud.Database);

        var restore = await Assert.ThrowsAsync<ControllerException>(() => RunAsync(cloud, BackupAction.Restore));
        Assert.StartsWith("keystone is locked by ops@deploy-2", restore.Message);
        Assert.Equal("1", fx.Db.Scalar($"SELECT COUNT(*) FROM information_schema.TABLES WHERE table_schema = '{cloud.Database}' AND table_name = 'made_by_the_hop'"));
    }

    [Fact]
    public async Task A_hop_is_refused_while_a_backup_of_its_service_runs_and_runs_no_step()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        dump.Slow = 4;
        try
        {
            var backup = RunAsync(cloud, BackupAction.Backup);
            await WaitUntil(() => dump.Starts(cloud.Database).Count == 1);

            var hop = await Assert.ThrowsAsync<ControllerException>(() => cloud.HopAsync("victoria", "wallaby", ssh: Ssh(cloud)));
            var done = await backup;

            Assert.StartsWith($"keystone is locked by {Environment.UserName}@{Environment.MachineName} (pid {Environment.ProcessId}", hop.Message);
            Assert.Contains($"backup to {Path.Combine(Dir(cloud), "keystone")})", hop.Message);
            Assert.Equal(0, cloud.Executions("--expand"));
            Assert.True(done.Changed, done.Message);
        }
        finally
        {
            dump.Slow = 0;
        }
    }

    [Fact]
    public async Task The_database_password_is_in_no_command_line_result_manifest_or_file_left_on_the_controller()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");
        string[] forms = [ControllerFixture.DbSecret, Uri.EscapeDataString(ControllerFixture.DbSecret), Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(ControllerFixture.DbSecret))];
        dump.Slow = 2;
        var seen = new List<string>();
        try
        {
            var run = RunAsync(cloud, BackupAction.Backup);
            while (!run.IsCompleted)
            {
                seen.AddRange(Directory.GetDirectories("/proc").Where(p => int.TryParse(Path.GetFileName(p), out _)).Select(p => Testing.SshCut.CommandLine(int.Parse(Path.GetFileName(p), System.Globalization.CultureInfo.InvariantCulture))));
                await Task.Delay(50);
            }

            var outcome = await run;
            var probe = await RunAsync(cloud, BackupAction.Probe);
            var restore = await RunAsync(cloud, BackupAction.Restore);
            var texts = seen
                .Append(JsonSerializer.Serialize(outcome)).Append(JsonSerializer.Serialize(probe)).Append(JsonSerializer.Serialize(restore))
                .Concat(new[] { cloud.StateDir, Dir(cloud) }.Where(Directory.Exists).SelectMany(d => Directory.GetFiles(d, "*", SearchOption.AllDirectories))
                    .Where(f => !f.EndsWith(".sql.gz", StringComparison.Ordinal)).Select(File.ReadAllText))
                .ToList();

            Assert.Contains(seen, c => c.Contains("--defaults-extra-file=", StringComparison.Ordinal)); // the scan saw the dump running
            foreach (var form in forms)
            {
                Assert.DoesNotContain(texts, t => t.Contains(form, StringComparison.Ordinal));
            }

            Assert.Empty(Directory.GetFiles(cloud.StateDir, "*.cnf", SearchOption.AllDirectories));
        }
        finally
        {
            dump.Slow = 0;
        }
    }

    [Fact]
    public async Task Check_mode_says_what_it_would_dump_and_writes_nothing()
    {
        var cloud = new Cloud(fx, "keystone", "victoria");

        var outcome = await RunAsync(cloud, BackupAction.Backup, check: true);

        Assert.Contains($"dump {cloud.Database} (127.0.0.1:{fx.Db.Port}) to {Path.Combine(Dir(cloud), "keystone")}/{cloud.Database}.sql.gz (single transaction)", outcome.WouldRun);
        Assert.False(Directory.Exists(Dir(cloud)));
        Assert.Empty(dump.Starts(cloud.Database));
    }

    [Fact]
    public async Task A_probe_finds_novas_api_main_and_cell_databases_from_the_config_and_cell_mappings()
    {
        var cloud = new Cloud(fx, "nova", "victoria");
        var cell = $"{cloud.Database}_cell1";
        fx.Db.CreateDatabase(cell);
        var templated = "{scheme}://{username}:{password}@{hostname}:{port}/" + cell;
        fx.Db.Exec($"CREATE TABLE IF NOT EXISTS cell_mappings (id INT PRIMARY KEY, database_connection TEXT); " +
                   $"INSERT INTO cell_mappings VALUES (1, '{fx.Db.ConnectionUrl(cloud.Database)}'), (2, '{templated}')", cloud.ApiDatabase);

        var probe = await RunAsync(cloud, BackupAction.Probe);

        Assert.Equal([(cloud.ApiDatabase!, "nova_api"), (cloud.Database, "nova"), (cell, "cell")],
            probe.Databases.Where(d => d.Present).Select(d => (d.Database, d.Origin)).ToList());
        Assert.Contains("nova_cell0", probe.Absent); // the catalog lists it; this server has none
    }

    private static string Dir(Cloud cloud) => Path.Combine(cloud.Dir, "backups", "label-1");

    private ShellOptions Ssh(Cloud cloud) => cloud.Ssh with { Port = dump.Ssh.Port, KnownHostsFile = dump.Ssh.KnownHostsPath, PrivateKeyFile = dump.Ssh.ClientKeyPath };

    private async Task<BackupOutcome> RunAsync(Cloud cloud, BackupAction action, bool check = false)
    {
        await using var shell = ShellFactory.Create(Ssh(cloud), TimeProvider.System);
        var request = new BackupRequest
        {
            Action = action,
            Service = ServiceCatalog.Default.Find(cloud.Service.Name),
            ConfigFile = cloud.ConfigFile,
            Directory = Path.Combine(Dir(cloud), cloud.Service.Name),
            StateDir = cloud.StateDir,
            StepTimeout = TimeSpan.FromSeconds(120),
            CheckMode = check,
        };
        return await new BackupRunner(shell, request, TimeProvider.System, TimeSpan.FromSeconds(60)).RunAsync();
    }

    /// <summary>MariaDB's own CHECKSUM TABLE of every table of <paramref name="database"/>, by name.</summary>
    private string Checksums(string database)
    {
        var tables = fx.Db.Query($"SELECT table_name FROM information_schema.TABLES WHERE table_schema = '{database}' ORDER BY table_name").Select(r => r[0]).ToList();
        return string.Join("\n", tables.Select(t => $"{t} " +
            string.Join(" ", fx.Db.Query($"CHECKSUM TABLE `{database}`.`{t}` EXTENDED").Select(r => r[1]))));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(50);
        }
    }
}
