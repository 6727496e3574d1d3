using Leapfrog.Core;
using Leapfrog.Engine;

namespace Leapfrog.Module.Rehearse;

/// <summary>Turns the module's parameters into a validated scratch request; the connection is read as the hop reads it.</summary>
internal static class RehearseArgs
{
    /// <summary>Every parameter the rehearse module takes.</summary>
    public static readonly IReadOnlyCollection<string> Parameters =
    [
        "action", "services", "config_files", "rehearsal_dir", "rehearsal_port", "free_reserve_mb", "overlay_roots", "catalog_file", "state_dir", "step_timeout",
        "rehearsal", "parallel", "backup", "dest",
        "transport", "host", "port", "user", "private_key_file", "private_key", "private_key_passphrase", "password",
        "known_hosts_file", "host_key_checking", "connect_timeout", "connect_attempts", "reconnect_timeout", "become",
    ];

    /// <summary>The action: start, stop or record.</summary>
    public static string Action(ModuleArgs args) => args.GetChoice("action", "start", "start", "stop", "record");

    /// <summary>Reads a start or stop request.</summary>
    /// <exception cref="InvalidRequestException">Any bad parameter (an unknown service among them).</exception>
    public static ScratchRequest Request(ModuleArgs args, bool start)
    {
        var catalog = CatalogFile.Load(args);
        var names = args.GetList("services");
        if (start && names.Count == 0)
        {
            throw new InvalidRequestException("services: name at least one service whose databases the rehearsal copies");
        }

        var services = names.Distinct().Select(n => catalog.Find(n)).ToList();
        var configs = new Dictionary<string, string>();
        foreach (var (name, node) in args.GetObject("config_files") ?? [])
        {
            if (services.Any(s => s.Name == name) && node?.GetValue<string>() is { Length: > 0 } path)
            {
                configs[name] = Inputs.Path(path, $"config_files.{name}");
            }
        }

        var dir = Inputs.Path(args.GetString("rehearsal_dir") ?? "/var/lib/leapfrog-rehearsal", "rehearsal_dir").TrimEnd('/');
        if (dir.Length < 2 || dir.Split('/').Contains(".."))
        {
            throw new InvalidRequestException($"rehearsal_dir: '{Printable.Clip(dir, 60)}' must be an absolute directory below / without '..'");
        }

        var port = args.GetInt("rehearsal_port", 0, 0, 65535);
        if (port is > 0 and < 1024)
        {
            throw new InvalidRequestException($"rehearsal_port: {port} is a privileged port; choose one from 1024 to 65535 (0: the first free one from 43306)");
        }

        return new ScratchRequest
        {
            Start = start,
            Directory = dir,
            Services = services,
            ConfigFiles = configs,
            ProductionStateDir = Inputs.Path(args.GetString("state_dir") ?? "/var/lib/leapfrog", "state_dir").TrimEnd('/'),
            Port = port,
            FreeReserve = (long)args.GetInt("free_reserve_mb", 0, 0, 1 << 30) << 20,
            OverlayRoots = args.GetList("overlay_roots").Select(r => Inputs.Path(r, "overlay_roots").TrimEnd('/')).ToList(),
            StepTimeout = TimeSpan.FromSeconds(args.GetInt("step_timeout", 7200, 1, 7 * 86400)),
            Secrets = new[] { args.GetString("password"), args.GetString("private_key"), args.GetString("private_key_passphrase") }
                .Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList(),
        };
    }
}
