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
        "scratch_server", "drop_leftovers", "rehearsal", "parallel", "backup", "dest",
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

        var server = Server(args);
        if (server is not null && port != 0)
        {
            throw new InvalidRequestException("rehearsal_port is for the throwaway server; with scratch_server the copy goes to the server it names (scratch_server.port)");
        }

        return new ScratchRequest
        {
            Server = server,
            DropLeftovers = args.GetBool("drop_leftovers", false),
            Start = start,
            Directory = dir,
            Services = services,
            ConfigFiles = configs,
            ProductionStateDir = Inputs.Path(args.GetString("state_dir") ?? "/var/lib/leapfrog", "state_dir").TrimEnd('/'),
            Port = port,
            FreeReserve = (long)args.GetInt("free_reserve_mb", 0, 0, 1 << 30) << 20,
            OverlayRoots = args.GetList("overlay_roots").Select(r => Inputs.Path(r, "overlay_roots").TrimEnd('/')).ToList(),
            StepTimeout = TimeSpan.FromSeconds(args.GetInt("step_timeout", 7200, 1, 7 * 86400)),
            Secrets = new[] { args.GetString("password"), args.GetString("private_key"), args.GetString("private_key_passphrase"), server?.Password,
                    server is null ? null : Uri.EscapeDataString(server.Password) }
                .Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList(),
        };
    }

    /// <summary>scratch_server: host, port (3306), user, password; absent or empty: a throwaway server.</summary>
    private static ScratchServer? Server(ModuleArgs args)
    {
        var o = args.GetObject("scratch_server");
        if (o is null || o.Count == 0)
        {
            return null;
        }

        foreach (var key in o.Select(kv => kv.Key).Where(k => k is not ("host" or "port" or "user" or "password")))
        {
            throw new InvalidRequestException($"scratch_server.{Printable.Clip(key, 40)}: unknown key (host, port, user, password)");
        }

        string Text(string key) => o[key] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var t) ? t : "";
        var host = Text("host");
        if (!System.Text.RegularExpressions.Regex.IsMatch(host, "^[A-Za-z0-9][A-Za-z0-9.:_-]{0,252}$"))
        {
            throw new InvalidRequestException("scratch_server.host: the MariaDB server's host name or address is required (letters, digits, '.', ':', '-', '_')");
        }

        var port = o["port"] is null ? 3306
            : int.TryParse(o["port"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536 ? p
            : throw new InvalidRequestException("scratch_server.port: a TCP port from 1 to 65535");
        var user = Text("user");
        if (!System.Text.RegularExpressions.Regex.IsMatch(user, "^[A-Za-z0-9_.@-]{1,80}$"))
        {
            throw new InvalidRequestException("scratch_server.user: a MariaDB user that may create and drop databases there is required");
        }

        var password = Text("password");
        if (password.Any(c => c is '\n' or '\r' or '\0'))
        {
            throw new InvalidRequestException("scratch_server.password: a line break or NUL cannot be written to an option file");
        }

        return new ScratchServer(host, port, user, password);
    }
}
