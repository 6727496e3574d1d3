using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Leapfrog.Engine;

/// <summary>The backup: each database dumped once, as a detached step, then the manifest.</summary>
public sealed partial class BackupRunner
{
    private async Task<BackupOutcome> BackupAsync(CancellationToken ct)
    {
        if (await ReadManifestAsync(ct).ConfigureAwait(false) is { } kept)
        {
            await VerifyAsync(kept, "the backup", ct).ConfigureAwait(false);
            var removedOld = _request.CheckMode ? [] : await RetainAsync(ct).ConfigureAwait(false);
            return new BackupOutcome
            {
                Changed = removedOld.Count > 0, Removed = removedOld,
                Message = $"{Svc}: kept the complete backup in {Dir} taken {kept.Created}",
                Directory = Dir, Dumps = kept.Dumps, Absent = kept.Absent, Manifest = ManifestFile, Created = kept.Created,
            };
        }

        var work = WorkDir();
        try
        {
            var (all, absent) = await ResolveAsync(work, ct).ConfigureAwait(false);
            var targets = all.Where(t => t.Present != false).ToList();
            if (targets.FirstOrDefault(t => t.Error is not null) is { } bad)
            {
                throw new ControllerException($"{Svc}: cannot reach database {bad.Database} at {bad.Server} as {bad.User}: {bad.Error}");
            }

            if (_request.CheckMode)
            {
                return new BackupOutcome
                {
                    Changed = true,
                    Message = $"{Svc}: would dump {string.Join(", ", targets.Select(t => t.Database))} into {Dir}",
                    Directory = Dir,
                    Absent = absent,
                    WouldRun = [.. targets.Select(t => $"dump {t.Database} ({t.Server}) to {Dir}/{t.Database}.sql.gz (single transaction)"), $"write {ManifestFile}"],
                };
            }

            var owner = await Lock.AcquireAsync(_request.Owner, $"backup to {Dir}", Now(), ct).ConfigureAwait(false);
            try
            {
                await _controller.RunCheckedAsync(BackupScripts.MakeDir(Dir), $"making {Dir}", ct).ConfigureAwait(false);
                var executor = new StepExecutor(_controller, LockDir, _request.StepTimeout);
                var dumps = new List<DumpRecord>();
                foreach (var target in targets)
                {
                    dumps.Add(await DumpAsync(executor, work, target, ct).ConfigureAwait(false));
                }

                var copied = (await _controller.RunCheckedAsync(BackupScripts.CopyState(StateFile, $"{Dir}/state.json"), "copying the state file", ct)
                    .ConfigureAwait(false)).Trim() == "copied";
                var manifest = new BackupManifest
                {
                    Service = Svc, Created = Now(), Dumps = dumps, Absent = absent, StateFile = StateFile, StateCopy = copied ? "state.json" : null,
                };
                await _controller.RunCheckedAsync(Scripts.Write(ManifestFile, JsonSerializer.Serialize(manifest, BackupJsonContext.Default.BackupManifest)),
                    $"writing {ManifestFile}", ct).ConfigureAwait(false);
                var removed = await RetainAsync(ct).ConfigureAwait(false);
                return new BackupOutcome
                {
                    Changed = true,
                    Removed = removed,
                    Message = $"{Svc}: dumped {string.Join(", ", dumps.Select(d => $"{d.Database} ({d.Bytes} bytes)"))} into {Dir}" +
                              (absent.Count > 0 ? $" (not on the server: {string.Join(", ", absent)})" : ""),
                    Directory = Dir, Dumps = dumps, Absent = absent, Manifest = ManifestFile, Created = manifest.Created,
                };
            }
            finally
            {
                await Lock.ReleaseAsync(owner).ConfigureAwait(false);
            }
        }
        finally
        {
            await ForgetAsync(work).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Dumps one database, exactly once: a finished dump of an earlier run is taken as it is, a running one is
    /// re-attached to; only a failed or lost one is run again (a new run number).
    /// </summary>
    private async Task<DumpRecord> DumpAsync(StepExecutor executor, string work, DatabaseTarget target, CancellationToken ct)
    {
        Plain(target.Database, Svc);
        var unit = $"{Dir}/.steps/{target.Database}";
        var file = $"{Dir}/{target.Database}.sql.gz";
        var (kind, run, rc) = await executor.StatusAsync(unit, ct).ConfigureAwait(false);
        var command = BackupScripts.Dump($"{work}/{target.Number}.cnf", target.Database, file);
        var resumed = kind == UnitStatus.Running || (kind == UnitStatus.Done && rc == 0);
        var result = resumed
            ? await executor.AttachAsync(unit, run, ct).ConfigureAwait(false)
            : await executor.StartAsync(unit, run + 1, command, ct).ConfigureAwait(false);
        if (result.Rc != 0)
        {
            var why = result.Rc is null ? "the dump process was lost (killed, or the controller rebooted)"
                : result.TimedOut ? $"it ran longer than step_timeout ({_request.StepTimeout.TotalSeconds:0} s)"
                : $"rc {result.Rc}: {Core.Printable.Clip(result.Stderr.Trim(), 300)}";
            throw new ControllerException(_redactor.Clean($"{Svc}: the dump of {target.Database} failed ({unit}/{result.Run}): {why}"));
        }

        var answer = result.Stdout.Trim().Split('\n').Last().Split(' ');
        if (answer.Length != 2 || answer[0].Length != 64 || !long.TryParse(answer[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes))
        {
            throw new ControllerException($"{Svc}: the dump of {target.Database} ended without its checksum ({unit}/{result.Run})");
        }

        return new DumpRecord
        {
            Database = target.Database, Origin = target.Origin, File = $"{target.Database}.sql.gz", Sha256 = answer[0], Bytes = bytes,
            Seconds = result.DurationS, Resumed = resumed,
        };
    }

    /// <summary>Removes the backup directories beyond <see cref="BackupRequest.Keep"/> (the newest, this one counted, stay).</summary>
    private async Task<IReadOnlyList<string>> RetainAsync(CancellationToken ct)
    {
        if (_request.Keep < 1)
        {
            return [];
        }

        var label = System.IO.Path.GetDirectoryName(Dir)!;
        var root = System.IO.Path.GetDirectoryName(label)!;
        var removed = await _controller.RunCheckedAsync(BackupScripts.Retain(root, System.IO.Path.GetFileName(label), _request.Keep), "removing old backups", ct)
            .ConfigureAwait(false);
        return removed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(d => $"{root}/{d.Trim()}").ToList();
    }

    private async Task<BackupManifest?> ReadManifestAsync(CancellationToken ct)
    {
        var text = (await _controller.RunCheckedAsync(Scripts.Read(ManifestFile), "reading the backup manifest", ct).ConfigureAwait(false)).Trim();
        if (text == "none")
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(Encoding.UTF8.GetString(Convert.FromBase64String(text)), BackupJsonContext.Default.BackupManifest)
                ?? throw new JsonException("null");
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw new ControllerException($"{Svc}: {ManifestFile} on {_controller.Target} is not a backup manifest ({ex.GetType().Name}); move the directory aside");
        }
    }

    /// <summary>Checks every dump's size and sha256 against the manifest, on the controller.</summary>
    private async Task VerifyAsync(BackupManifest manifest, string what, CancellationToken ct)
    {
        foreach (var d in manifest.Dumps)
        {
            Plain(d.Database, ManifestFile);
        }

        var lines = (await _controller.RunCheckedAsync(BackupScripts.Checksums(Dir, manifest.Dumps.Select(d => d.File)), "checking the dumps' checksums", ct,
            TimeSpan.FromMinutes(30)).ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < manifest.Dumps.Count; i++)
        {
            var d = manifest.Dumps[i];
            var seen = i < lines.Length ? lines[i].Trim() : "missing";
            if (seen != $"{d.Sha256} {d.Bytes.ToString(CultureInfo.InvariantCulture)}")
            {
                throw new ControllerException(seen == "missing"
                    ? $"{Svc}: {d.File} of {what} in {Dir} is missing"
                    : $"{Svc}: {d.File} in {Dir} does not match its checksum: {what} is damaged; not restoring anything");
            }
        }
    }
}
