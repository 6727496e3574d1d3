using System.Text.Json;
using Leapfrog.Testing;

namespace Leapfrog.EndToEnd.Tests;

/// <summary>
/// ansible/playbooks/rehearse.yml on a sandbox: the upgrade's chain on a scratch copy of the databases, with the proof
/// that production was not touched taken by the test itself (CHECKSUM TABLE of every production table, the production
/// state directory, the fake tools' own exec log of which config each tool read, the scratch server's process).
/// </summary>
public sealed class RehearsalTests(ITestOutputHelper output)
{
    [Fact]
    public void A_rehearsal_runs_the_chain_on_a_copy_predicts_the_window_and_leaves_production_untouched()
    {
        using var box = Sandbox.Up("victoria wallaby xena", "keystone glance cinder nova");
        var before = Checksums(box);
        var mark = box.Witness.Mark();
        var (dir, record) = (Path.Combine(box.Dir, "rehearse"), Path.Combine(box.Dir, "record.json"));

        var run = Playbook.Run(box, "rehearse.yml", "-e", $"leapfrog_rehearse_dir={dir}", "-e", $"leapfrog_rehearse_record={record}");
        output.WriteLine(run.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Predicted outage window:", run.Output, StringComparison.Ordinal);
        Assert.Contains("every hop went through", run.Output, StringComparison.Ordinal);

        // Production: every table as it was, no state file or lock, and the databases still at victoria.
        Assert.Equal(before, Checksums(box));
        Assert.Empty(ProductionState(box));
        Assert.Contains("victoria", box.Schema("keystone"), StringComparison.Ordinal);
        Assert.DoesNotContain("wallaby", box.Schema("keystone"), StringComparison.Ordinal);

        // The tools ran every hop's schema steps, each reading the rehearsal's overlay, never the production config.
        var ran = box.Witness.Since(mark);
        var changes = box.Witness.Changes(mark);
        Assert.All(new[] { "keystone-manage", "glance-manage", "cinder-manage", "nova-manage" }, tool =>
            Assert.All(new[] { "wallaby", "xena" }, r => Assert.Contains(changes, c => c.StartsWith($"{tool} {r} ", StringComparison.Ordinal))));
        var configs = ran.SelectMany(ConfigsRead).Distinct().ToList();
        Assert.NotEmpty(configs);
        Assert.All(configs, c => Assert.StartsWith(dir + "/", c, StringComparison.Ordinal));

        // The scratch server and everything the rehearsal wrote on the controller are gone.
        AssertScratchGone(dir);

        using var doc = JsonDocument.Parse(File.ReadAllText(record));
        var r = doc.RootElement;
        Assert.Equal("leapfrog-rehearsal/1", r.GetProperty("format").GetString());
        Assert.Equal("passed", r.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("blocker").ValueKind);
        Assert.True(r.GetProperty("predicted_window_s").GetDouble() > 0);
        Assert.Equal("parallel", r.GetProperty("mode").GetString()); // the upgrade role's own default

        // Each hop predicted from its wall time in the rehearsal, as the rehearsal's state files recorded it, plus backups.
        var windows = r.GetProperty("hop_windows").EnumerateArray().ToList();
        Assert.Equal(2, windows.Count);
        Assert.All(windows, h =>
        {
            Assert.Equal("wall", h.GetProperty("basis").GetString());
            Assert.True(h.GetProperty("wall_s").GetDouble() > 0);
            Assert.InRange(h.GetProperty("predicted_s").GetDouble() - h.GetProperty("wall_s").GetDouble() - h.GetProperty("backup_s").GetDouble(), -0.15, 0.15);
        });
        Assert.InRange(r.GetProperty("predicted_window_s").GetDouble() - windows.Sum(h => h.GetProperty("predicted_s").GetDouble()), -0.25, 0.25);
        Assert.NotEmpty(r.GetProperty("window").GetProperty("differences").EnumerateArray());
        var hops = r.GetProperty("hops").EnumerateArray().Select(h => $"{h.GetProperty("service").GetString()} {h.GetProperty("from").GetString()}->{h.GetProperty("to").GetString()}").ToList();
        Assert.All(new[] { "keystone", "glance", "cinder", "nova" }, s =>
        {
            Assert.Contains($"{s} victoria->wallaby", hops);
            Assert.Contains($"{s} wallaby->xena", hops);
        });
        Assert.Contains(r.GetProperty("steps").EnumerateArray(), s => s.GetProperty("kind").GetString() == "schema" && s.GetProperty("rc") is { ValueKind: JsonValueKind.Number } rc && rc.GetInt32() == 0);
        Assert.NotEmpty(r.GetProperty("largest_tables").EnumerateArray());
        var copied = r.GetProperty("copy").GetProperty("databases").EnumerateArray().Select(d => d.GetProperty("database").GetString()).ToList();
        Assert.Superset(new HashSet<string?> { "keystone", "glance", "cinder", "nova", "nova_api" }, copied.ToHashSet());
        Assert.DoesNotContain("leapfrog_rehearse:", File.ReadAllText(record), StringComparison.Ordinal); // no scratch URL, no password
    }

    [Fact]
    public void A_blocker_found_in_rehearsal_names_hop_service_step_and_message_and_production_is_untouched()
    {
        using var box = Sandbox.Up("victoria wallaby xena", "keystone glance cinder");
        box.Fault("glance", "xena", "db expand");
        var before = Checksums(box);
        var (dir, record) = (Path.Combine(box.Dir, "rehearse"), Path.Combine(box.Dir, "record.json"));

        // Serial: the catalog's order runs keystone, glance, cinder; the chain stops at glance, cinder never starts hop 2.
        var run = Playbook.Run(box, "rehearse.yml", "-e", $"leapfrog_rehearse_dir={dir}", "-e", $"leapfrog_rehearse_record={record}", "-e", "leapfrog_parallel=false");
        output.WriteLine(run.ToString());
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("(serial)", run.Output, StringComparison.Ordinal);
        Assert.Contains("BLOCKED at wallaby -> xena, glance", run.Output, StringComparison.Ordinal);
        Assert.Contains("Production was not changed", run.Output, StringComparison.Ordinal);
        Assert.Contains("rehearse again", run.Output, StringComparison.Ordinal); // the chain's stop says what a rehearsal's stop means
        Assert.DoesNotContain("rerun the same playbook", run.Output, StringComparison.Ordinal);

        using var doc = JsonDocument.Parse(File.ReadAllText(record));
        var blocker = doc.RootElement.GetProperty("blocker");
        Assert.Equal("blocked", doc.RootElement.GetProperty("outcome").GetString());
        Assert.Equal("wallaby -> xena", blocker.GetProperty("hop").GetString());
        Assert.Equal("glance", blocker.GetProperty("service").GetString());
        Assert.Contains("expand", blocker.GetProperty("step").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(blocker.GetProperty("message").GetString()));
        // The chain stopped there: nothing of hop 2 after glance, in the order the catalog runs them.
        Assert.DoesNotContain(doc.RootElement.GetProperty("hops").EnumerateArray(),
            h => h.GetProperty("service").GetString() == "cinder" && h.GetProperty("to").GetString() == "xena");

        Assert.Equal(before, Checksums(box));
        Assert.Empty(ProductionState(box));
        AssertScratchGone(dir);
    }

    [Fact]
    public void Bad_rehearsal_inputs_are_refused_with_nothing_started()
    {
        using var box = Sandbox.Up("victoria wallaby", "keystone");
        var before = Checksums(box);
        var mark = box.Witness.Mark();
        var dbPort = File.ReadAllLines(Path.Combine(box.Dir, "sandbox.env")).Single(l => l.StartsWith("DB_PORT=", StringComparison.Ordinal))[8..];
        var dir = Path.Combine(box.Dir, "rehearse");
        var cases = new (string[] Extra, string Message, string Dir)[]
        {
            (["-e", "{\"leapfrog_services\": [\"keystone\", \"nosuch\"]}"], "nosuch", dir),
            (["-e", $"leapfrog_rehearse_port={dbPort}"], $"port {dbPort} on 127.0.0.1", dir),
            ([], "lies inside the MariaDB datadir", Path.Combine(box.Dir, "mariadb", "data", "rehearse")),
            ([], "overlaps the production state directory", Path.Combine(box.StateDir, "rehearse")),
            (["-e", "{\"leapfrog_rehearse_server\": {\"host\": \"\", \"user\": \"x\", \"password\": \"s3cret-pw\"}}"], "scratch_server.host", dir),
            (["-e", "{\"leapfrog_rehearse_server\": {\"host\": \"127.0.0.1\", \"user\": \"x\"}}", "-e", "leapfrog_rehearse_port=43999"], "rehearsal_port is for the throwaway server", dir),
        };
        foreach (var (extra, message, where) in cases)
        {
            var run = Playbook.Run(box, "rehearse.yml", [.. extra, "-e", $"leapfrog_rehearse_dir={where}", "-e", $"leapfrog_rehearse_record={box.Dir}/record.json"]);
            Assert.True(run.ExitCode != 0, run.ToString());
            Assert.Contains(message, run.Output, StringComparison.Ordinal);
            Assert.Contains("nothing was started", run.Output.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("Traceback", run.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cret-pw", run.Output, StringComparison.Ordinal);
            Assert.False(Path.Exists(where), $"{where} was made");
            Assert.False(File.Exists($"{box.Dir}/record.json"));
        }

        Assert.Empty(box.Witness.Since(mark)); // no tool ran
        Assert.Equal(before, Checksums(box));
        Assert.Empty(ProductionState(box));

        var clean = Playbook.Run(box, "rehearse.yml", "-e", $"leapfrog_rehearse_dir={dir}", "-e", "leapfrog_rehearse_cleanup=only");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Contains("holds no rehearsal", clean.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void What_an_interrupted_rehearsal_left_is_removed_by_the_clean_up()
    {
        using var box = Sandbox.Up("victoria wallaby", "keystone");
        var dir = Path.Combine(box.Dir, "rehearse");
        // The copy made and the play gone (as after Ctrl-C or a dropped connection during the chain): the module's start alone.
        var started = StartOnly(box, dir);
        Assert.True(started.ExitCode == 0, started.ToString());
        Assert.NotEmpty(ScratchProcesses(dir));
        var overlay = Path.Combine(dir, "overlays", "keystone.conf");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(overlay));
        var production = File.ReadAllText(Path.Combine(box.Dir, "etc", "keystone", "keystone.conf"));
        var productionUrl = production.Split('\n').Single(l => l.StartsWith("connection", StringComparison.Ordinal));
        Assert.DoesNotContain(productionUrl, File.ReadAllText(overlay), StringComparison.Ordinal);
        Assert.Contains("@127.0.0.1:", File.ReadAllText(overlay), StringComparison.Ordinal);
        // The module's result names the overlay but holds no password of the copy or of production.
        var result = File.ReadAllText(dir + "-result.json");
        Assert.Contains(overlay, result, StringComparison.Ordinal);
        var scratchPassword = File.ReadAllLines(Path.Combine(dir, "scratch.cnf")).Single(l => l.StartsWith("password=", StringComparison.Ordinal))[9..];
        Assert.DoesNotContain(scratchPassword, result, StringComparison.Ordinal);
        Assert.DoesNotContain(scratchPassword, started.Output, StringComparison.Ordinal);

        var clean = Playbook.Run(box, "rehearse.yml", "-e", $"leapfrog_rehearse_dir={dir}", "-e", "leapfrog_rehearse_cleanup=only");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Contains("stopped the scratch server and removed", clean.Output, StringComparison.Ordinal);
        AssertScratchGone(dir);
        Assert.Empty(ProductionState(box));
    }

    [Fact]
    public void A_copy_that_would_not_leave_the_reserve_free_is_refused_with_the_figures_and_nothing_started()
    {
        using var box = Sandbox.Up("victoria wallaby", "keystone");
        var before = Checksums(box);
        var mark = box.Witness.Mark();
        var (dir, record) = (Path.Combine(box.Dir, "rehearse"), Path.Combine(box.Dir, "record.json"));

        // 1 PiB kept free: more than this machine's disk, whatever the databases hold.
        var run = Playbook.Run(box, "rehearse.yml", "-e", $"leapfrog_rehearse_dir={dir}", "-e", $"leapfrog_rehearse_record={record}",
            "-e", "leapfrog_rehearse_free_reserve_mb=1073741824");
        output.WriteLine(run.ToString());
        Assert.NotEqual(0, run.ExitCode);
        var text = run.Output.Replace("\n", " ", StringComparison.Ordinal);
        var m = System.Text.RegularExpressions.Regex.Match(text,
            @"not enough free disk for the rehearsal's copy under (?<dir>\S+) on \S+: the databases hold (?<hold>[0-9.]+) MiB, the copy needs (?<need>[0-9.]+) MiB " +
            @"\(dumps \+ loaded copy \+ 256\.0 MiB for the scratch server \+ 1073741824\.0 MiB kept free \(free_reserve_mb\)\), (?<free>[0-9.]+) MiB is free; nothing was started");
        Assert.True(m.Success, text);
        Assert.Equal(dir, m.Groups["dir"].Value);
        double F(string g) => double.Parse(m.Groups[g].Value, System.Globalization.CultureInfo.InvariantCulture);
        // What the databases hold, as MariaDB itself reports it here (keystone's one database), rounded as the message rounds.
        var held = double.Parse(box.Sql("SELECT SUM(data_length + index_length) FROM information_schema.tables WHERE table_schema = 'keystone'").Trim(),
            System.Globalization.CultureInfo.InvariantCulture) / 1048576.0;
        Assert.True(held > 0);
        Assert.InRange(F("hold"), held - 0.1, held + 0.1);
        Assert.InRange(F("need") - ((2 * F("hold")) + 256 + 1073741824), -0.2, 0.2);
        // The free figure is the disk's own (statvfs, read here), give or take what other processes wrote meanwhile.
        var free = new DriveInfo(box.Dir).AvailableFreeSpace / 1048576.0;
        Assert.InRange(F("free"), free - 2048, free + 2048);
        Assert.DoesNotContain("Traceback", run.Output, StringComparison.Ordinal);

        Assert.False(Path.Exists(dir), $"{dir} was made");
        Assert.Empty(ScratchProcesses(dir));
        Assert.False(File.Exists(record));
        Assert.Empty(box.Witness.Since(mark));
        Assert.Equal(before, Checksums(box));
        Assert.Empty(ProductionState(box));
    }

    [Fact]
    public void Ctrl_C_during_the_chain_leaves_nothing_after_the_clean_up_and_the_next_run_starts_afresh()
    {
        // keystone's expand sleeps on the copy, so the interrupt lands in the middle of the chain.
        using var box = Sandbox.Up("victoria wallaby", "keystone", "slow_step=expand", "slow_seconds=20");
        var before = Checksums(box);
        var mark = box.Witness.Mark();
        var (dir, record) = (Path.Combine(box.Dir, "rehearse"), Path.Combine(box.Dir, "record.json"));
        var extra = new[] { "-e", $"leapfrog_rehearse_dir={dir}", "-e", $"leapfrog_rehearse_record={record}" };

        PlaybookRun interrupted;
        using (var play = Playbook.Start(box, "rehearse.yml", extra))
        {
            Assert.True(play.WaitUntil(() => Expands(box, mark).Count > 0, TimeSpan.FromMinutes(10)), play.Output);
            Assert.NotEmpty(ScratchProcesses(dir)); // the copy is in use
            play.Interrupt();
            interrupted = play.Wait();
        }

        output.WriteLine(interrupted.ToString());
        Assert.NotEqual(0, interrupted.ExitCode);
        Assert.Equal(before, Checksums(box));
        Assert.Empty(ProductionState(box));

        var clean = Playbook.Run(box, "rehearse.yml", "-e", $"leapfrog_rehearse_dir={dir}", "-e", "leapfrog_rehearse_cleanup=only");
        output.WriteLine(clean.ToString());
        Assert.True(clean.ExitCode == 0, clean.ToString());
        AssertScratchGone(dir);

        // The next run is a fresh rehearsal: a new copy, keystone's expand run on it again, and nothing left after it.
        var again = box.Witness.Mark();
        var next = Playbook.Run(box, "rehearse.yml", extra);
        output.WriteLine(next.ToString());
        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.DoesNotContain("leftover", next.Output, StringComparison.Ordinal);
        Assert.Single(Expands(box, again));
        AssertScratchGone(dir);
        Assert.Equal(before, Checksums(box));
        Assert.Empty(ProductionState(box));
        Assert.Contains("victoria", box.Schema("keystone"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_scratch_server_killed_during_the_chain_fails_the_rehearsal_clearly_and_leaves_nothing()
    {
        using var box = Sandbox.Up("victoria wallaby", "keystone", "slow_step=expand", "slow_seconds=10");
        var before = Checksums(box);
        var mark = box.Witness.Mark();
        var (dir, record) = (Path.Combine(box.Dir, "rehearse"), Path.Combine(box.Dir, "record.json"));

        PlaybookRun run;
        using (var play = Playbook.Start(box, "rehearse.yml", "-e", $"leapfrog_rehearse_dir={dir}", "-e", $"leapfrog_rehearse_record={record}"))
        {
            Assert.True(play.WaitUntil(() => Expands(box, mark).Count > 0, TimeSpan.FromMinutes(10)), play.Output);
            var scratch = ScratchProcesses(dir);
            Assert.NotEmpty(scratch);
            foreach (var p in scratch)
            {
                Proc.Run("kill", ["-KILL", Path.GetFileName(p)]);
            }

            run = play.Wait();
        }

        output.WriteLine(run.ToString());
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("the scratch server was not running", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Traceback", run.Output, StringComparison.Ordinal);
        AssertScratchGone(dir);
        Assert.Equal(before, Checksums(box));
        Assert.Empty(ProductionState(box));
    }

    [Fact]
    public void An_ssh_cut_during_the_chain_on_the_copy_is_picked_up_again_and_leaves_nothing_behind()
    {
        // keystone's expand sleeps on the copy, so the cut lands while the hop module waits for it.
        using var box = Sandbox.Up("victoria wallaby", "keystone", "slow_step=expand", "slow_seconds=10");
        var before = Checksums(box);
        var mark = box.Witness.Mark();
        var (dir, record) = (Path.Combine(box.Dir, "rehearse"), Path.Combine(box.Dir, "record.json"));

        PlaybookRun run;
        IReadOnlyList<int> killed;
        using (var play = Playbook.Start(box, "rehearse.yml", "-e", $"leapfrog_rehearse_dir={dir}", "-e", $"leapfrog_rehearse_record={record}"))
        {
            Assert.True(play.WaitUntil(() => Expands(box, mark).Count > 0, TimeSpan.FromMinutes(10)), play.Output);
            // One cut, no cutter left running: the hop module's own SSH connections (Ansible runs it as AnsiballZ_hop).
            killed = SshCut.ConnectionsOf(box.SshPort, pid => SshProcess.CommOf(pid) == "AnsiballZ_hop");
            output.WriteLine($"cut the hop module's connection: killed sshd pids {string.Join(", ", killed)}");
            run = play.Wait();
        }

        output.WriteLine(run.ToString());
        Assert.NotEmpty(killed);
        // The hop picked its step up again on the copy: expand ran once, the rehearsal went through, nothing is left.
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("every hop went through", run.Output, StringComparison.Ordinal);
        Assert.Single(Expands(box, mark));
        AssertScratchGone(dir);
        Assert.Equal(before, Checksums(box));
        Assert.Empty(ProductionState(box));
        using var doc = JsonDocument.Parse(File.ReadAllText(record));
        Assert.Equal("passed", doc.RootElement.GetProperty("outcome").GetString());
    }

    [Fact]
    public void An_ssh_cut_while_copying_is_survived_and_leaves_nothing_and_a_rerun_starts_afresh()
    {
        using var box = Sandbox.Up("victoria wallaby", "keystone glance cinder nova");
        var before = Checksums(box);
        var (dir, record) = (Path.Combine(box.Dir, "rehearse"), Path.Combine(box.Dir, "record.json"));
        var extra = new[] { "-e", $"leapfrog_rehearse_dir={dir}", "-e", $"leapfrog_rehearse_record={record}" };

        // The rehearse module's own connection (comm truncated to 15 characters), cut as soon as the copy has begun
        // (the scratch server runs): one cut, bounded by the copy's own duration, nothing left running after it.
        var killed = new List<int>();
        PlaybookRun run;
        using (var play = Playbook.Start(box, "rehearse.yml", extra))
        {
            Assert.True(play.WaitUntil(() => ScratchProcesses(dir).Count > 0, TimeSpan.FromMinutes(10)), play.Output);
            killed.AddRange(SshCut.ConnectionsOf(box.SshPort, pid => SshProcess.CommOf(pid) == "AnsiballZ_rehea"));
            output.WriteLine($"cut the rehearse module's connection: killed sshd pids {string.Join(", ", killed)}");
            run = play.Wait();
        }

        output.WriteLine(run.ToString());
        Assert.NotEmpty(killed);
        // The module reconnected and went on: the server's start is safe to run again, the dumps and loads run detached.
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("every hop went through", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Traceback", run.Output, StringComparison.Ordinal);
        AssertScratchGone(dir);
        Assert.Equal(before, Checksums(box));
        Assert.Empty(ProductionState(box));
        // After the run and a clean-up no scratch server and no overlay are left, and the next rehearsal starts afresh.
        var clean = Playbook.Run(box, "rehearse.yml", "-e", $"leapfrog_rehearse_dir={dir}", "-e", "leapfrog_rehearse_cleanup=only");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        AssertScratchGone(dir);
        var next = Playbook.Run(box, "rehearse.yml", extra);
        output.WriteLine(next.ToString());
        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Contains("every hop went through", next.Output, StringComparison.Ordinal);
        AssertScratchGone(dir);
        Assert.Equal(before, Checksums(box));
    }

    [Fact]
    public void Nova_cell_mappings_in_the_copy_point_at_the_copy_and_production_s_are_unchanged()
    {
        using var box = Sandbox.Up("victoria wallaby", "nova");
        var dbPort = File.ReadAllLines(Path.Combine(box.Dir, "sandbox.env")).Single(l => l.StartsWith("DB_PORT=", StringComparison.Ordinal))[8..];
        var password = File.ReadAllText(Path.Combine(box.Dir, "mariadb", "admin-password")).Trim();
        string Url(string db) => $"mysql+pymysql://leapfrog:{password}@127.0.0.1:{dbPort}/{db}?charset=utf8";
        // nova's own table (nova/db/api/models.py CellMapping): cell0 in a database of its own, cell1 in the service's.
        box.Sql("CREATE DATABASE nova_cell0; CREATE TABLE nova_cell0.marker (x INT); INSERT INTO nova_cell0.marker VALUES (5)");
        box.Sql("CREATE TABLE cell_mappings (id INT PRIMARY KEY, uuid VARCHAR(36) NOT NULL, name VARCHAR(255), transport_url TEXT, database_connection TEXT); " +
                $"INSERT INTO cell_mappings VALUES (1, '00000000-0000-0000-0000-000000000000', 'cell0', 'none:///', '{Url("nova_cell0")}'), " +
                $"(2, '11111111-1111-1111-1111-111111111111', 'cell1', 'rabbit://guest@127.0.0.1:5672/', '{Url("nova")}')", "nova_api");
        var production = box.Sql("SELECT id, name, database_connection FROM cell_mappings ORDER BY id", "nova_api");
        var dir = Path.Combine(box.Dir, "rehearse");

        var started = StartOnly(box, dir);
        Assert.True(started.ExitCode == 0, started.ToString());
        Assert.Contains("2 nova cell mapping(s) point at the copy", started.Output, StringComparison.Ordinal);

        // The copy's rows, read here through the scratch server's own option file: every cell at the copy of its database.
        var scratchPort = File.ReadAllLines(Path.Combine(dir, "scratch.cnf")).Single(l => l.StartsWith("port=", StringComparison.Ordinal))[5..];
        string Copy(string sql, string db)
        {
            var r = Proc.Run("mariadb", [$"--defaults-extra-file={dir}/scratch.cnf", "-NB", "-e", sql, db], timeout: TimeSpan.FromSeconds(60));
            Assert.True(r.ExitCode == 0, r.Stderr);
            return r.Stdout;
        }

        var rows = Copy("SELECT name, database_connection FROM cell_mappings ORDER BY id", "nova_api").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        Assert.Equal(["cell0", "cell1"], rows.Select(r => r[0]));
        Assert.StartsWith("mysql+pymysql://leapfrog_rehearse:", rows[0][1], StringComparison.Ordinal);
        Assert.EndsWith($"@127.0.0.1:{scratchPort}/nova_cell0?charset=utf8", rows[0][1], StringComparison.Ordinal);
        Assert.EndsWith($"@127.0.0.1:{scratchPort}/nova?charset=utf8", rows[1][1], StringComparison.Ordinal);
        Assert.All(rows, r => Assert.DoesNotContain(password, r[1], StringComparison.Ordinal));
        Assert.Equal("5", Copy("SELECT x FROM marker", "nova_cell0").Trim()); // the cell's database was copied too
        Assert.Equal(production, box.Sql("SELECT id, name, database_connection FROM cell_mappings ORDER BY id", "nova_api"));

        var clean = Playbook.Run(box, "rehearse.yml", "-e", $"leapfrog_rehearse_dir={dir}", "-e", "leapfrog_rehearse_cleanup=only");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        AssertScratchGone(dir);
    }

    /// <summary>The rehearse module's start alone (the copy made, nothing run on it); its result goes to DIR-result.json.</summary>
    private static PlaybookRun StartOnly(Sandbox box, string dir)
    {
        var play = Path.Combine(box.Dir, "start-only.yml");
        File.WriteAllText(play, """
            - hosts: leapfrog_migration_hosts
              gather_facts: false
              tasks:
                - leapfrog.openstack.rehearse:
                    action: start
                    services: "{{ leapfrog_services }}"
                    config_files: "{{ leapfrog_config_files }}"
                    rehearsal_dir: "{{ leapfrog_rehearse_dir }}"
                    state_dir: "{{ leapfrog_state_dir }}"
                    host: "{{ ansible_host }}"
                    port: "{{ ansible_port }}"
                    private_key_file: "{{ ansible_ssh_private_key_file }}"
                    known_hosts_file: "{{ leapfrog_known_hosts_file }}"
                  delegate_to: localhost
                  register: copy
                - ansible.builtin.copy:
                    content: "{{ copy | to_json }}"
                    dest: "{{ leapfrog_rehearse_dir }}-result.json"
                  delegate_to: localhost
                - ansible.builtin.debug:
                    msg: "{{ copy.msg }}"
            """);
        return Playbook.RunWith(play, Playbook.CollectionsPath, box, ["-e", $"leapfrog_rehearse_dir={dir}"]);
    }

    /// <summary>keystone-manage's expand of wallaby, as the tools' own log has it, after <paramref name="mark"/>.</summary>
    private static List<FakeToolboxLogEntry> Expands(Sandbox box, int mark) =>
        [.. box.Witness.Since(mark).Where(e => e.Tool == "keystone-manage" && e.Release == "wallaby" && (e.Step ?? "").Contains("expand", StringComparison.Ordinal))];

    /// <summary>CHECKSUM TABLE of every table of every production database, taken through the sandbox's root socket.</summary>
    private static string Checksums(Sandbox box)
    {
        var tables = box.Sql("SELECT CONCAT('`', table_schema, '`.`', table_name, '`') FROM information_schema.tables WHERE table_schema NOT IN " +
                             "('mysql', 'information_schema', 'performance_schema', 'sys') AND table_type = 'BASE TABLE' ORDER BY 1")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(tables);
        return box.Sql($"CHECKSUM TABLE {string.Join(", ", tables)} EXTENDED");
    }

    private static IEnumerable<string> ProductionState(Sandbox box) =>
        Directory.Exists(box.StateDir) ? Directory.EnumerateFileSystemEntries(box.StateDir).Where(p => p.EndsWith(".json", StringComparison.Ordinal) || p.EndsWith(".lock", StringComparison.Ordinal)) : [];

    /// <summary>The config files a tool was given (each value after --config-file).</summary>
    private static IEnumerable<string> ConfigsRead(FakeToolboxLogEntry e) =>
        e.Argv.Select((a, i) => (a, i)).Where(x => x.a == "--config-file" && x.i + 1 < e.Argv.Count).Select(x => e.Argv[x.i + 1]);

    private static void AssertScratchGone(string dir)
    {
        Assert.False(Directory.Exists(dir), $"{dir} is still there");
        Assert.Empty(ScratchProcesses(dir));
    }

    /// <summary>The processes started with the scratch server's datadir.</summary>
    private static List<string> ScratchProcesses(string dir)
    {
        var datadir = $"--datadir={dir}/mariadb/data";
        return Directory.EnumerateDirectories("/proc").Where(p => int.TryParse(Path.GetFileName(p), out _)).Where(p =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(p, "cmdline")).Split('\0').Contains(datadir);
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        }).ToList();
    }
}
