using Leapfrog.Core.Toolboxes;
using Leapfrog.Core.Catalog;
using Leapfrog.Remote;

namespace Leapfrog.Engine.Tests;

/// <summary>
/// The product's own inspect script, run by a real python3 with real alembic, SQLAlchemy and PyMySQL (Debian's
/// python3-alembic and python3-pymysql) over the test sshd, against migration scripts and databases made here.
/// </summary>
[Collection("controller")]
public sealed class InspectScriptTests(ControllerFixture fx)
{
    [Fact]
    public async Task The_toolbox_python_reads_each_databases_revision_the_shipped_heads_every_cell_and_missing_tools()
    {
        var n = fx.Next();
        var dir = Path.Combine(fx.Root, $"inspect-{n}");
        var pkg = Path.Combine(dir, "pkg");
        // An alembic script directory with two branches (like keystone's expand and contract), one in a sub-directory.
        Write(pkg, "svc/db/main/versions/r1/a1_base.py", "revision = 'a1'\ndown_revision = None\n");
        Write(pkg, "svc/db/main/versions/b2_expand.py", "revision = 'b2'\ndown_revision = 'a1'\n");
        Write(pkg, "svc/db/main/versions/c3_contract.py", "revision: str = 'c3'\ndown_revision = 'a1'\n");
        // A sqlalchemy-migrate repository whose highest script is 7.
        Write(pkg, "svc/db/api/migrate.cfg", "[db_settings]\nrepository_id=svc_api\nversion_table=migrate_version\n");
        Write(pkg, "svc/db/api/versions/001_init.py", "");
        Write(pkg, "svc/db/api/versions/007_more.py", "");
        Write(pkg, "svc/cmd/manage.py", "def main():\n    pass\n");
        var venv = Path.Combine(dir, "venv");
        Write(venv, "bin/python3", $"#!/bin/sh\nPYTHONPATH={pkg} exec /usr/bin/python3 \"$@\"\n", executable: true);
        Write(venv, "bin/svc-manage", "#!/usr/bin/python3\nfrom svc.cmd.manage import main\nmain()\n", executable: true);
        Write(venv, "bin/svc-broken", "#!/usr/bin/python3\nfrom svc.cmd.gone import main\nmain()\n", executable: true);

        string Db(string name) => $"inspect{n}_{name}";
        foreach (var db in new[] { "main", "api", "cell0", "cell2" })
        {
            fx.Db.CreateDatabase(Db(db));
        }

        fx.Db.Exec("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY); INSERT INTO alembic_version VALUES ('b2'), ('c3');", Db("main"));
        fx.Db.Exec("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY); INSERT INTO alembic_version VALUES ('b2'), ('c3');", Db("cell0"));
        fx.Db.Exec("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY); INSERT INTO alembic_version VALUES ('a1');", Db("cell2"));
        var mainUrl = fx.Db.ConnectionUrl(Db("main"));
        fx.Db.Exec($$"""
            CREATE TABLE migrate_version (repository_id VARCHAR(250) PRIMARY KEY, repository_path TEXT, version INT);
            INSERT INTO migrate_version VALUES ('svc_api', '/x', 5);
            CREATE TABLE cell_mappings (id INT PRIMARY KEY, name VARCHAR(255), database_connection TEXT);
            INSERT INTO cell_mappings VALUES (1, 'cell0', '{scheme}://{username}:{password}@{hostname}:{port}/{{Db("cell0")}}'),
              (2, 'cell1', '{{mainUrl}}'), (3, 'cell2', '{{fx.Db.ConnectionUrl(Db("cell2"))}}');
            """, Db("api"));
        var config = Write(dir, "svc.conf", $"[database]\nconnection = {mainUrl}\n[api_database]\nconnection = {fx.Db.ConnectionUrl(Db("api"))}\n");
        var toolbox = new Toolbox(ToolboxType.Venv, venv, null, null, []);
        SchemaDatabase[] databases =
        [
            new() { Name = "svc_api", Url = "api_database.connection", Layouts = [["svc/db/api_alembic"], ["svc/db/api"]] },
            new() { Name = "svc", Url = "database.connection", CellsFrom = "svc_api", Layouts = [["svc/db/main"]] },
        ];
        var tools = new[] { "svc-manage", "svc-status", "svc-broken" }.Select(t => (t, toolbox.Wrap([t], config)[^1]));
        var argv = Inspection.Argv(config, "svc", tools, databases);

        await using var shell = ShellFactory.Create(new ShellOptions
        {
            Host = fx.Ssh.Host, Port = fx.Ssh.Port, User = fx.Ssh.User, PrivateKeyFile = fx.Ssh.ClientKeyPath, KnownHostsFile = fx.Ssh.KnownHostsPath,
        }, TimeProvider.System);
        await shell.ConnectAsync();
        var result = await shell.RunAsync(ShellQuote.Join(toolbox.Wrap(argv, config)), TimeSpan.FromMinutes(2));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.DoesNotContain(ControllerFixture.DbSecret, result.Stdout + result.Stderr);
        Assert.DoesNotContain(Uri.EscapeDataString(ControllerFixture.DbSecret), result.Stdout + result.Stderr);
        var answer = Inspection.Parse(result.Stdout, s => s)!;
        Assert.Equal(["svc-status: not found", "svc-broken: its module svc.cmd.gone is not installed"],
            answer.Problems.Select(p => $"{p.Tool}: {p.Problem}"));
        Assert.Equal(
            [
                $"{Db("api")} - [5] [7] False",
                $"{Db("main")} cell1 [b2,c3] [b2,c3] True",
                $"{Db("cell0")} cell0 [b2,c3] [b2,c3] True",
                $"{Db("cell2")} cell2 [a1] [b2,c3] False",
            ],
            answer.Databases.Select(d => $"{d.Database} {d.Cell ?? "-"} [{string.Join(',', d.Revision ?? [])}] [{string.Join(',', d.Heads ?? [])}] {d.AtHead}"));
        Assert.Equal("svc/db/api", answer.Databases[0].Layout);
    }

    [Fact]
    public async Task The_toolbox_python_reads_the_version_tools_distribution_and_says_when_it_cannot_tell()
    {
        var dir = Path.Combine(fx.Root, $"inspect-version-{fx.Next()}");
        var pkg = Path.Combine(dir, "pkg");
        Write(pkg, "svc/cmd/manage.py", "def main():\n    print('22.1.0')\n");
        // The distribution that ships svc, as pip or Debian's package install it (what pbr's version_string() reads).
        Write(pkg, "svc-22.1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: svc\nVersion: 22.1.0\n");
        Write(pkg, "svc-22.1.0.dist-info/top_level.txt", "svc\n");
        var venv = Path.Combine(dir, "venv");
        Write(venv, "bin/python3", $"#!/bin/sh\nPYTHONPATH={pkg} exec /usr/bin/python3 \"$@\"\n", executable: true);
        Write(venv, "bin/svc-manage", "#!/usr/bin/python3\nfrom svc.cmd.manage import main\nmain()\n", executable: true);
        Write(venv, "bin/svc-env", "#!/usr/bin/env python3\nfrom svc.cmd.manage import main\nmain()\n", executable: true);
        Write(venv, "bin/other-manage", "#!/usr/bin/python3\nfrom other.cmd.manage import main\nmain()\n", executable: true);
        var config = Write(dir, "svc.conf", "[database]\n");
        var toolbox = new Toolbox(ToolboxType.Venv, venv, null, null, []);
        await using var shell = ShellFactory.Create(new ShellOptions
        {
            Host = fx.Ssh.Host, Port = fx.Ssh.Port, User = fx.Ssh.User, PrivateKeyFile = fx.Ssh.ClientKeyPath, KnownHostsFile = fx.Ssh.KnownHostsPath,
        }, TimeProvider.System);
        await shell.ConnectAsync();

        async Task<string?> VersionOf(string tool)
        {
            var argv = Inspection.Argv(config, "svc", [], [], versionTool: toolbox.Wrap([tool], config)[^1]);
            var result = await shell.RunAsync(ShellQuote.Join(toolbox.Wrap(argv, config)), TimeSpan.FromMinutes(2));
            Assert.True(result.ExitCode == 0, result.Stderr);
            return Inspection.Parse(result.Stdout, s => s)!.ToolVersion;
        }

        Assert.Equal("22.1.0", await VersionOf("svc-manage"));
        Assert.Null(await VersionOf("svc-env")); // which python3 env finds is not told for sure: the hop runs its --version
        Assert.Null(await VersionOf("other-manage")); // no distribution ships other
        Assert.Null(await VersionOf("gone-manage"));
    }

    private static string Write(string root, string relative, string text, bool executable = false)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        if (executable)
        {
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        }

        return path;
    }
}
