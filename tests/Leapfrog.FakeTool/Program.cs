using Leapfrog.Core.Releases;

namespace Leapfrog.FakeTool;

/// <summary>
/// <c>fake-openstack-tool --release RELEASE [--exec-log PATH] TOOL ARGS...</c>: behaves like RELEASE's
/// TOOL (keystone-manage, glance-manage, cinder-manage, placement-manage, nova-manage,
/// neutron-db-manage, heat-manage, SERVICE-status) against the MariaDB named in the config file.
/// </summary>
internal static class Program
{
    private static readonly Dictionary<string, (string Service, Func<ITool> Make)> Tools = new()
    {
        ["keystone-manage"] = ("keystone", () => new KeystoneManage()),
        ["glance-manage"] = ("glance", () => new GlanceManage()),
        ["cinder-manage"] = ("cinder", () => new DataManage("cinder")),
        ["placement-manage"] = ("placement", () => new DataManage("placement")),
        ["nova-manage"] = ("nova", () => new NovaManage()),
        ["neutron-db-manage"] = ("neutron", () => new NeutronDbManage()),
        ["heat-manage"] = ("heat", () => new HeatManage()),
        ["keystone-status"] = ("keystone", () => new StatusTool("keystone")),
        ["glance-status"] = ("glance", () => new StatusTool("glance")),
        ["cinder-status"] = ("cinder", () => new StatusTool("cinder")),
        ["placement-status"] = ("placement", () => new StatusTool("placement")),
        ["nova-status"] = ("nova", () => new StatusTool("nova")),
        ["neutron-status"] = ("neutron", () => new StatusTool("neutron")),
        ["heat-status"] = ("heat", () => new StatusTool("heat")),
    };

    private static int Main(string[] args)
    {
        var redactor = new Redactor();
        try
        {
            return Run(args, redactor);
        }
        catch (ToolExit e)
        {
            if (e.Message.Length > 0)
            {
                Console.Error.WriteLine(redactor.Clean(e.Message));
            }

            return e.Code;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(redactor.Clean($"ERROR: {e.GetType().Name}: {e.Message}"));
            return 1;
        }
    }

    private static int Run(string[] args, Redactor redactor)
    {
        const string Me = "fake-openstack-tool";
        var rest = args.ToList();
        ToolExit U(string e) => ToolExit.Usage(Me, "--release RELEASE [--exec-log PATH] TOOL [ARGS...]", e);
        var releaseText = ArgReaderTop.Take(rest, "--release", U) ?? throw U("--release is required");
        var execLogOption = ArgReaderTop.Take(rest, "--exec-log", U);
        if (!ReleaseCatalog.Default.TryFind(releaseText, out var release))
        {
            throw U($"--release: '{redactor.Clean(releaseText)}' is not a known release");
        }

        if (rest.Count == 0)
        {
            throw U("TOOL is required");
        }

        var toolName = rest[0];
        if (toolName == "python3")
        {
            return FakePython.Run(release, execLogOption, rest.Skip(1).ToList(), redactor);
        }

        if (!Tools.TryGetValue(toolName, out var entry))
        {
            throw new ToolExit(127, $"{Me}: unknown tool '{redactor.Clean(toolName)}'; known: {string.Join(", ", Tools.Keys)}");
        }

        var toolArgs = rest.Skip(1).ToList();
        var global = GlobalOptions.Split(toolArgs);
        IniFile ini;
        FakeSettings fake;
        ToolExit? configError = null;
        try
        {
            ini = IniFile.Read(global.ConfigFiles.Count > 0 ? global.ConfigFiles : DefaultConfig(entry.Service));
            fake = FakeSettings.From(ini);
        }
        catch (ToolExit e)
        {
            configError = e;
            ini = IniFile.Read([]);
            fake = new FakeSettings();
        }

        foreach (var section in new[] { "database", "api_database" })
        {
            if (ini.Get(section, "connection") is { } url)
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

        var ctx = new ToolContext { Release = release, Tool = toolName, Service = entry.Service, Ini = ini, Fake = fake, Redactor = redactor };
        var tool = entry.Make();
        ToolCommand? command = null;
        ToolExit? usage = null;
        try
        {
            command = global.Version
                ? new ToolCommand("--version", c => PrintVersion(c), UsesDatabase: false)
                : tool.Parse(global.Rest, ctx);
        }
        catch (ToolExit e)
        {
            usage = e;
        }

        foreach (var log in new[] { execLogOption, fake.ExecLog }.Where(p => p is not null).Distinct())
        {
            ExecLog.Append(log!, release.Name, toolName, command?.Key, toolArgs, redactor);
        }

        if ((configError ?? usage) is { } error)
        {
            throw error;
        }

        ctx.Key = command!.Key;
        return Faults.Run(ctx, command);
    }

    private static int PrintVersion(ToolContext ctx)
    {
        ctx.Out.WriteLine(ProjectVersions.For(ctx.Service, ctx.Release));
        return 0;
    }

    private static IReadOnlyList<string> DefaultConfig(string service)
    {
        var path = $"/etc/{service}/{service}.conf";
        return File.Exists(path) ? [path] : [];
    }
}
