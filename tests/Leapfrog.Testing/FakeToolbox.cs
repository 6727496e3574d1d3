using System.Diagnostics;

namespace Leapfrog.Testing;

/// <summary>
/// A fake OpenStack-Ansible-style venv for one release and service: <c>&lt;root&gt;/&lt;service&gt;-&lt;version&gt;/bin/&lt;tool&gt;</c>
/// wrappers (<c>exec fake-openstack-tool --release R [--exec-log L] TOOL "$@"</c>) and a config file
/// (mode 0600) with the database connection and the <c>[fake]</c> section.
/// tests/Leapfrog.FakeTool/make-fake-venv.sh does the same from a shell.
/// </summary>
public sealed class FakeToolbox
{
    private static readonly Dictionary<string, string[]> ToolsByService = new()
    {
        ["keystone"] = ["keystone-manage", "keystone-status"],
        ["glance"] = ["glance-manage", "glance-status"],
        ["cinder"] = ["cinder-manage", "cinder-status"],
        ["placement"] = ["placement-manage", "placement-status"],
        ["nova"] = ["nova-manage", "nova-status"],
        ["neutron"] = ["neutron-db-manage", "neutron-status"],
        ["heat"] = ["heat-manage", "heat-status"],
    };

    private static readonly Lazy<string> LazyToolPath = new(Locate);

    private FakeToolbox(string release, string service, string version, string venv, string configPath, FakeToolboxConfig config)
    {
        Release = release;
        Service = service;
        Version = version;
        VenvPath = venv;
        ConfigPath = configPath;
        Config = config;
    }

    /// <summary>
    /// The fake-openstack-tool executable: $LEAPFROG_FAKE_TOOL; else its native (AOT) publish output in the
    /// same artifacts tree when not older than the JIT build
    /// (<c>dotnet publish tests/Leapfrog.FakeTool -c Release -r linux-x64 -p:PublishAot=true</c>); else the
    /// JIT build next to the running tests or in the artifacts tree.
    /// </summary>
    /// <exception cref="FileNotFoundException">Not built.</exception>
    public static string ToolPath => LazyToolPath.Value;

    /// <summary>The release, as given.</summary>
    public string Release { get; }

    /// <summary>The service.</summary>
    public string Service { get; }

    /// <summary>The project version the fake tool reports for this release (part of the venv name).</summary>
    public string Version { get; }

    /// <summary><c>&lt;root&gt;/&lt;service&gt;-&lt;version&gt;</c>: what a <c>venv</c> toolbox's path points to.</summary>
    public string VenvPath { get; }

    /// <summary>The service config file the tools are given with <c>--config-file</c>.</summary>
    public string ConfigPath { get; }

    /// <summary>The settings currently written to <see cref="ConfigPath"/>.</summary>
    public FakeToolboxConfig Config { get; private set; }

    /// <summary>The tools a service's venv holds, e.g. nova-manage and nova-status (besides python3, which answers the hop's inspect script).</summary>
    /// <exception cref="ArgumentException">Unknown service.</exception>
    public static IReadOnlyList<string> ToolsOf(string service) =>
        ToolsByService.TryGetValue(service, out var tools)
            ? tools
            : throw new ArgumentException($"unknown service '{service}'; known: {string.Join(", ", ToolsByService.Keys)}", nameof(service));

    /// <summary>Creates the venv and writes the config file.</summary>
    /// <param name="root">Directory the venvs live in (like /openstack/venvs).</param>
    /// <param name="release">Release name, e.g. <c>zed</c>.</param>
    /// <param name="service">Service, e.g. <c>keystone</c>.</param>
    /// <param name="config">Connections and the [fake] section.</param>
    /// <param name="configPath">Where to write the config; default <c>&lt;venv&gt;/etc/&lt;service&gt;.conf</c>.</param>
    /// <exception cref="ArgumentException">Unknown service or release.</exception>
    public static FakeToolbox Create(string root, string release, string service, FakeToolboxConfig config, string? configPath = null)
    {
        var tools = ToolsOf(service);
        var version = RunTool(["--release", release, tools[0], "--version"], TimeSpan.FromSeconds(60));
        if (version.ExitCode != 0)
        {
            throw new ArgumentException($"fake-openstack-tool refused release '{release}': {version.Stderr.Trim()}", nameof(release));
        }

        var venv = Path.Combine(root, $"{service}-{version.Stdout.Trim()}");
        Directory.CreateDirectory(Path.Combine(venv, "bin"));
        Directory.CreateDirectory(Path.Combine(venv, "etc"));
        var toolbox = new FakeToolbox(release, service, version.Stdout.Trim(), venv,
            configPath ?? Path.Combine(venv, "etc", service + ".conf"), config);
        foreach (var tool in tools.Append("python3"))
        {
            var log = config.ExecLog is null ? string.Empty : $" --exec-log {ShellQuote(config.ExecLog)}";
            var path = toolbox.BinPath(tool);
            File.WriteAllText(path, $"#!/bin/sh\nexec {ShellQuote(ToolPath)} --release {ShellQuote(release)}{log} {tool} \"$@\"\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
            }
        }

        toolbox.Reconfigure(config);
        return toolbox;
    }

    /// <summary>The wrapper of <paramref name="tool"/>.</summary>
    public string BinPath(string tool) => Path.Combine(VenvPath, "bin", tool);

    /// <summary>Rewrites the config file (e.g. to add or remove a fault). The exec_log of the wrappers stays.</summary>
    public void Reconfigure(FakeToolboxConfig config)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ConfigPath)!);
        var tmp = ConfigPath + ".tmp";
        File.WriteAllText(tmp, config.ToIni());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(tmp, ConfigPath, overwrite: true);
        Config = config;
    }

    /// <summary>Runs <c>bin/&lt;tool&gt; --config-file &lt;config&gt; args...</c> and waits (bounded).</summary>
    /// <param name="tool">E.g. <c>keystone-manage</c>.</param>
    /// <param name="args">The subcommand, e.g. <c>db_sync</c>, <c>--check</c>.</param>
    public FakeToolboxResult Run(string tool, params string[] args) => RunWithin(TimeSpan.FromSeconds(120), tool, args);

    /// <summary>Like <see cref="Run"/>, but kills the tool (and throws) after <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">The tool was still running and has been killed.</exception>
    public FakeToolboxResult RunWithin(TimeSpan timeout, string tool, params string[] args) =>
        Execute(BinPath(tool), ["--config-file", ConfigPath, .. args], timeout);

    /// <summary>Runs the fake tool directly with <paramref name="args"/> (e.g. <c>--release zed keystone-manage --version</c>).</summary>
    public static FakeToolboxResult RunTool(IReadOnlyList<string> args, TimeSpan timeout) => Execute(ToolPath, args, timeout);

    /// <summary>Quotes <paramref name="s"/> for a POSIX shell.</summary>
    public static string ShellQuote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static FakeToolboxResult Execute(string file, IReadOnlyList<string> args, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        var r = Proc.Run(file, args, timeout: timeout);
        return new FakeToolboxResult(r.ExitCode, r.Stdout, r.Stderr, sw.Elapsed);
    }

    private static string Locate()
    {
        const string Name = "fake-openstack-tool";
        if (Environment.GetEnvironmentVariable("LEAPFROG_FAKE_TOOL") is { Length: > 0 } env && File.Exists(env))
        {
            return env;
        }

        // <artifacts>/bin/<Project>/<config>/ -> <artifacts>/bin/Leapfrog.FakeTool/<config>/
        var here = AppContext.BaseDirectory;
        var configDir = new DirectoryInfo(here.TrimEnd(Path.DirectorySeparatorChar));
        var binDir = configDir.Parent?.Parent;
        string? jit = null;
        if (File.Exists(Path.Combine(here, Name)) && File.Exists(Path.Combine(here, Name + ".dll")))
        {
            // An apphost needs its dll beside it (a project reference may copy the apphost alone).
            jit = Path.Combine(here, Name);
        }

        foreach (var config in new[] { configDir.Name, "debug", "release" })
        {
            var candidate = binDir is null ? null : Path.Combine(binDir.FullName, "Leapfrog.FakeTool", config, Name);
            if (jit is null && candidate is not null && File.Exists(candidate) && File.Exists(candidate + ".dll"))
            {
                jit = candidate;
            }
        }

        // The native (AOT) build, ~10x faster to start, when it is not older than the JIT build:
        // dotnet publish tests/Leapfrog.FakeTool -c Release -r linux-x64 -p:PublishAot=true
        var native = binDir?.Parent is null ? null : Path.Combine(binDir.Parent.FullName, "publish", "Leapfrog.FakeTool", "release_linux-x64", Name);
        if (native is not null && File.Exists(native) && !File.Exists(native + ".dll")
            && (jit is null || File.GetLastWriteTimeUtc(native) >= File.GetLastWriteTimeUtc(jit + ".dll")))
        {
            return native;
        }

        return jit ?? throw new FileNotFoundException(
            $"{Name} not found next to the tests or in the artifacts tree: build tests/Leapfrog.FakeTool, or set LEAPFROG_FAKE_TOOL");
    }
}
