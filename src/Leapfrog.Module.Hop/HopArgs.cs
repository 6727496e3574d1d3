using Leapfrog.Core.Toolboxes;
using System.Text.Json.Nodes;
using Leapfrog.Core;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Planning;
using Leapfrog.Core.Releases;
using Leapfrog.Engine;
using Leapfrog.Remote;

namespace Leapfrog.Module.Hop;

/// <summary>Turns the module's parameters into a validated hop request and connection options.</summary>
internal static class HopArgs
{
    /// <summary>Every parameter the hop module takes.</summary>
    public static readonly IReadOnlyCollection<string> Parameters =
    [
        "service", "from_release", "to_release", "allow_unsupported", "catalog_file",
        "transport", "host", "port", "user", "private_key_file", "private_key", "private_key_passphrase", "password",
        "known_hosts_file", "host_key_checking", "connect_timeout", "connect_attempts", "reconnect_timeout", "become",
        "toolbox", "toolboxes", "config_file", "state_dir", "phases",
        "data_migration_batch", "data_migration_max_batches", "data_migration_stuck_batches", "step_timeout", "lock_stale_after", "check_toolbox_version",
        "cell_concurrency", "check_blockers", "final_hop", "check_only", "toolbox_only", "registry_remove_dead_after",
    ];

    /// <summary>Reads the hop request.</summary>
    /// <exception cref="InvalidRequestException">Any bad parameter.</exception>
    public static HopRequest Request(ModuleArgs args)
    {
        var catalog = CatalogFile.Load(args);
        var releases = catalog.Releases;
        var service = catalog.Find(args.GetRequired("service"));
        var from = releases.Find(args.GetRequired("from_release"), "from_release");
        var to = releases.Find(args.GetRequired("to_release"), "to_release");
        var planner = new Planner(releases);
        var phases = Phases(args);
        // from == to with only the data phase: "finish the data migrations at the current release", the start release's
        // own online data migrations run to completion before the first hop (recorded in the state file like a hop: once).
        var finishData = to.Order == from.Order && phases.SetEquals([StepKind.Data]);
        // toolbox_only: the toolbox of to_release is checked and nothing else, so from_release may equal it.
        var toolboxOnly = args.GetBool("toolbox_only", false);
        if (to.Order == from.Order && !finishData && !toolboxOnly)
        {
            throw new InvalidRequestException(
                $"from_release and to_release are both {from.Id}: a hop goes to a later release; to finish {from.Id}'s online data " +
                "migrations at the release the database is at (before the first hop), set phases: [data]");
        }

        if (!finishData && !toolboxOnly && (to.Order < from.Order || !planner.IsSupported(from, to)))
        {
            // Same messages as the plan module for backwards and equal; a longer jump is refused unless allowed.
            var hops = planner.Plan(from, to, PlanPolicy.Strict, [], allowUnsupported: false);
            if (hops.Count > 1 && !args.GetBool("allow_unsupported", false))
            {
                throw new InvalidRequestException(
                    $"{from.Id} -> {to.Id} is not one supported hop (upstream supports N -> N+1 and SLURP -> next SLURP); " +
                    $"run the hops {string.Join(", ", hops.Select(h => $"{h.From.Id} -> {h.To.Id}"))} (leapfrog.openstack.plan lists them), or set allow_unsupported");
            }
        }

        if (!catalog.Exists(service, to))
        {
            throw new InvalidRequestException($"{service.Name} has no migration tools in {to.Id} (it has them from {service.Since} on)");
        }

        var configFile = Inputs.Path(args.GetString("config_file") ?? service.ConfigFile, "config_file");
        // check_only: check mode for a task Ansible runs with async (which refuses check mode itself): preflight.
        var checkMode = args.CheckMode || args.GetBool("check_only", false);
        var request = new HopRequest
        {
            Catalog = catalog,
            Service = service,
            From = from,
            To = to,
            Toolbox = ToolboxFor(args, catalog, service, to).Expand(service.Name, ServiceCatalog.VersionFor(service, to), to.Name),
            ConfigFile = configFile,
            StateDir = Inputs.Path(args.GetString("state_dir") ?? "/var/lib/leapfrog", "state_dir").TrimEnd('/'),
            Phases = phases,
            Batch = args.GetInt("data_migration_batch", 50, 1, 1_000_000),
            MaxBatches = args.GetInt("data_migration_max_batches", 1000, 1, 1_000_000),
            StuckBatches = args.GetInt("data_migration_stuck_batches", 3, 1, 1_000_000),
            CellConcurrency = args.GetInt("cell_concurrency", 4, 1, 64),
            StepTimeout = TimeSpan.FromSeconds(args.GetInt("step_timeout", 7200, 1, 7 * 86400)),
            LockStaleAfter = TimeSpan.FromSeconds(args.GetInt("lock_stale_after", 120, 15, 86400)),
            CheckMode = checkMode,
            ToolboxOnly = toolboxOnly,
            CheckToolboxVersion = args.GetBool("check_toolbox_version", true),
            FinalHop = args.GetBool("final_hop", false),
            Secrets = new[] { args.GetString("password"), args.GetString("private_key"), args.GetString("private_key_passphrase") }
                .Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList(),
        };

        request = RegistryArgs.Apply(args, request);

        // The blocking ones always (a hop refuses to start on one); check mode (preflight) also the warnings, whose checks
        // may ask the release's own code and cost a few seconds.
        // A catalog file's blockers are validated (and a writing one refused) even when the checks are off.
        var blockers = CatalogFile.LoadBlockers(args, catalog);
        return args.GetBool("check_blockers", true)
            ? request with { Blockers = HopRunner.BlockersFor(blockers, request, warnings: checkMode) }
            : request;
    }

    /// <summary>Reads the connection options.</summary>
    /// <exception cref="InvalidRequestException">Any bad parameter.</exception>
    public static ShellOptions Connection(ModuleArgs args)
    {
        var local = args.GetChoice("transport", "ssh", "ssh", "local") == "local";
        var become = args.GetBool("become", false);
        if (local)
        {
            return new ShellOptions { Local = true, Become = become };
        }

        var keyFile = args.GetString("private_key_file");
        var options = new ShellOptions
        {
            Host = Inputs.Word(args.GetRequired("host"), "host"),
            Port = args.GetInt("port", 22, 1, 65535),
            User = Inputs.Word(args.GetString("user") ?? "root", "user"),
            PrivateKeyFile = keyFile is null ? null : Inputs.Path(keyFile, "private_key_file"),
            PrivateKey = args.GetString("private_key"),
            PrivateKeyPassphrase = args.GetString("private_key_passphrase"),
            Password = args.GetString("password"),
            HostKeyChecking = args.GetChoice("host_key_checking", "strict", "strict", "accept_new", "off") switch
            {
                "accept_new" => HostKeyChecking.AcceptNew,
                "off" => HostKeyChecking.Off,
                _ => HostKeyChecking.Strict,
            },
            ConnectTimeout = TimeSpan.FromSeconds(args.GetInt("connect_timeout", 10, 1, 600)),
            ConnectAttempts = args.GetInt("connect_attempts", 4, 1, 100),
            Become = become,
        };
        var knownHosts = args.GetString("known_hosts_file");
        options = knownHosts is null ? options : options with { KnownHostsFile = Inputs.Path(knownHosts, "known_hosts_file") };
        if (options.PrivateKeyFile is null && options.PrivateKey is null && options.Password is null)
        {
            throw new InvalidRequestException("give one of private_key_file, private_key or password to log in to the controller");
        }

        return options;
    }

    private static HashSet<StepKind> Phases(ModuleArgs args)
    {
        var names = args.GetList("phases");
        if (names.Count == 0)
        {
            return [StepKind.Schema, StepKind.Data];
        }

        return names.Select(n => n.Trim().ToLowerInvariant() switch
        {
            "schema" => StepKind.Schema,
            "data" => StepKind.Data,
            _ => throw new InvalidRequestException($"phases: '{Printable.Clip(n, 40)}' is not one of: schema, data"),
        }).ToHashSet();
    }

    private static Toolbox ToolboxFor(ModuleArgs args, ServiceCatalog catalog, ServiceDefinition service, Release to)
    {
        if (args.GetObject("toolbox") is { } spec)
        {
            return ToolboxReader.Spec(new JsonToolboxNode("toolbox", spec));
        }

        var all = args.GetObject("toolboxes")
            ?? throw new InvalidRequestException($"toolbox is required: say where {to.Id}'s {service.Name} tools are (type venv, container, chroot, prefix or system)");
        var table = ToolboxReader.Table(new JsonToolboxNode("toolboxes", all), catalog.Releases, catalog.Services.Select(s => s.Name).ToList());
        if (table.Find(service.Name, to) is { } found)
        {
            return found;
        }

        throw new InvalidRequestException(table.ByRelease.ContainsKey(to.Id)
            ? $"toolboxes: the entry for {to.Id} has no toolbox for {service.Name} (and no 'default'), nor has 'all'"
            : $"toolboxes has no entry for {to.Id}: say where {to.Id}'s {service.Name} tools are");
    }
}
