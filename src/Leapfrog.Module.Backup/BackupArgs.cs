using Leapfrog.Core;
using Leapfrog.Engine;
using Leapfrog.Module.Hop;

namespace Leapfrog.Module.Backup;

/// <summary>Turns the module's parameters into a validated backup request; the connection is read as the hop reads it.</summary>
internal static class BackupArgs
{
    /// <summary>Every parameter the backup module takes.</summary>
    public static readonly IReadOnlyCollection<string> Parameters =
    [
        "action", "service", "backup_dir", "label", "keep", "catalog_file", "config_file", "state_dir", "step_timeout", "lock_stale_after",
        "transport", "host", "port", "user", "private_key_file", "private_key", "private_key_passphrase", "password",
        "known_hosts_file", "host_key_checking", "connect_timeout", "connect_attempts", "reconnect_timeout", "become",
    ];

    /// <summary>Reads the request.</summary>
    /// <exception cref="InvalidRequestException">Any bad parameter.</exception>
    /// <param name="args">The task's parameters.</param>
    /// <param name="serviceName">The service, when the task names several (a probe's services); else its service.</param>
    /// <param name="configFile">Its config file, when the task names several (a probe's config_files); else config_file.</param>
    public static BackupRequest Request(ModuleArgs args, string? serviceName = null, string? configFile = null)
    {
        var action = args.GetChoice("action", "backup", "backup", "restore", "probe") switch
        {
            "probe" => BackupAction.Probe,
            "restore" => BackupAction.Restore,
            _ => BackupAction.Backup,
        };
        var catalog = CatalogFile.Load(args);
        var service = catalog.Find(serviceName ?? args.GetRequired("service"));
        var backupDir = Inputs.Path(args.GetString("backup_dir") ?? "/var/backups/leapfrog", "backup_dir").TrimEnd('/');
        var label = args.GetString("label");
        if (action != BackupAction.Probe && string.IsNullOrEmpty(label))
        {
            throw new InvalidRequestException($"label is required for {(action == BackupAction.Backup ? "a backup" : "a restore")}: the name of the backup directory under backup_dir (e.g. 01-victoria-to-wallaby)");
        }

        if (label is not null && (label.Length > 100 || label[0] == '.' || !label.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')))
        {
            throw new InvalidRequestException($"label: '{Printable.Clip(label, 40)}' must be a plain directory name (letters, digits, dot, dash, underscore; not starting with a dot)");
        }

        return new BackupRequest
        {
            Action = action,
            Service = service,
            ConfigFile = Inputs.Path(configFile ?? args.GetString("config_file") ?? service.ConfigFile, "config_file"),
            Directory = $"{backupDir}/{label ?? "probe"}/{service.Name}",
            Keep = args.GetInt("keep", 0, 0, 10000),
            StateDir = Inputs.Path(args.GetString("state_dir") ?? "/var/lib/leapfrog", "state_dir").TrimEnd('/'),
            StepTimeout = TimeSpan.FromSeconds(args.GetInt("step_timeout", 7200, 1, 7 * 86400)),
            LockStaleAfter = TimeSpan.FromSeconds(args.GetInt("lock_stale_after", 120, 15, 86400)),
            CheckMode = args.CheckMode,
            Secrets = new[] { args.GetString("password"), args.GetString("private_key"), args.GetString("private_key_passphrase") }
                .Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList(),
        };
    }
}
