using System.Text.Json;
using System.Text.Json.Nodes;
using Leapfrog.Core;
using Leapfrog.Engine;
using Leapfrog.Module.Hop;
using Leapfrog.Remote;

namespace Leapfrog.Module.Backup;

/// <summary>
/// <c>action: probe</c> with <c>services</c> (preflight's): every service's databases sized over one connection, and
/// whether <c>backup_dir</c> has room for their backups (<c>min_free_mb</c> plus twice their size), returned as
/// ready-made <c>problems</c> and <c>notes</c>.
/// </summary>
internal static class BackupProbe
{
    /// <summary>The parameters the probe of several services adds.</summary>
    public static readonly IReadOnlyCollection<string> Parameters = ["services", "config_files", "min_free_mb"];

    /// <summary>True when the task probes several services (<c>services</c>).</summary>
    /// <exception cref="InvalidRequestException">services or min_free_mb with another action, or services with service.</exception>
    public static bool Asked(ModuleArgs args)
    {
        if (!args.Has("services"))
        {
            return BackupProbe.Parameters.FirstOrDefault(args.Has) is { } alone
                ? throw new InvalidRequestException($"{alone} goes with services (action probe): the services whose backups need the room")
                : false;
        }

        if (args.GetChoice("action", "backup", "backup", "restore", "probe") != "probe" || args.Has("service"))
        {
            throw new InvalidRequestException("services is for action probe, instead of service");
        }

        return true;
    }

    /// <summary>Sizes each service's databases, then measures the free space in backup_dir.</summary>
    public static async Task<JsonObject> RunAsync(ModuleArgs args)
    {
        var names = args.GetList("services");
        if (names.Count == 0)
        {
            throw new InvalidRequestException("services is empty: name the services whose databases to probe");
        }

        if (args.Has("config_file"))
        {
            throw new InvalidRequestException("config_file names one service's config: with services, give config_files (service: path)");
        }

        var configs = args.GetObject("config_files") ?? [];
        var requests = names.Distinct(StringComparer.Ordinal)
            .Select(n => BackupArgs.Request(args, n, configs[n] switch
            {
                null => null,
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                _ => throw new InvalidRequestException($"config_files: the entry of {Printable.Clip(n, 40)} must be a path"),
            })).ToList();
        var minFreeMb = args.GetInt("min_free_mb", 1024, 0, 100_000_000);
        var backupDir = Inputs.Path(args.GetString("backup_dir") ?? "/var/backups/leapfrog", "backup_dir").TrimEnd('/');
        var reconnect = TimeSpan.FromSeconds(args.GetInt("reconnect_timeout", 300, 0, 86400));
        var redactor = new Redactor(requests[0].Secrets);
        await using var shell = ShellFactory.Create(HopArgs.Connection(args), TimeProvider.System);

        var problems = new List<string>();
        var databases = new JsonArray();
        long bytes = 0;
        foreach (var request in requests)
        {
            try
            {
                var o = await new BackupRunner(shell, request, TimeProvider.System, reconnect).RunAsync().ConfigureAwait(false);
                bytes += o.Databases.Sum(d => d.Bytes);
                foreach (var d in o.Databases)
                {
                    databases.Add((JsonNode)new JsonObject
                    {
                        ["service"] = request.Service.Name, ["database"] = d.Database, ["origin"] = d.Origin, ["present"] = d.Present,
                        ["bytes"] = d.Bytes, ["server"] = d.Server,
                    });
                }
            }
            catch (LeapfrogException ex)
            {
                problems.Add($"sizing the databases for the backup: {redactor.Clean(ex.Message)}");
            }
        }

        var notes = new List<string>();
        var free = await BackupRunner.FreeBytesAsync(shell, backupDir, reconnect).ConfigureAwait(false);
        var need = (minFreeMb * 1048576L) + (2 * bytes);
        var figures = $"{Mb(free)} MB free on {shell.Target}, the backups need about {Mb(need)} MB " +
                      $"(min_free_mb {minFreeMb} + twice the {Mb(bytes)} MB of the databases)";
        (free < need ? problems : notes).Add(free < need ? $"{backupDir}: only {figures}; free some space or set another backup_dir" : $"{backupDir}: {figures}");

        return new JsonObject
        {
            ["changed"] = false,
            ["msg"] = $"probed {requests.Count} service(s): {bytes} bytes of databases; {Mb(free)} MB free in {backupDir}",
            ["action"] = "probe",
            ["target"] = shell.Target,
            ["databases"] = databases,
            ["bytes"] = bytes,
            ["free_bytes"] = free,
            ["need_bytes"] = need,
            ["problems"] = new JsonArray(problems.Select(p => (JsonNode)p).ToArray()),
            ["notes"] = new JsonArray(notes.Select(n => (JsonNode)n).ToArray()),
            ["warnings"] = new JsonArray(shell.Warnings.Select(w => (JsonNode)redactor.Clean(w)).ToArray()),
        };
    }

    private static long Mb(long bytes) => bytes / 1048576;
}
