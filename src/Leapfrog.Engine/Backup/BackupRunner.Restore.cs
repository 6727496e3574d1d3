namespace Leapfrog.Engine;

/// <summary>The restore: every checksum first, then each dump loaded as a detached step, then the state file put back.</summary>
public sealed partial class BackupRunner
{
    private async Task<BackupOutcome> RestoreAsync(CancellationToken ct)
    {
        var manifest = await ReadManifestAsync(ct).ConfigureAwait(false)
            ?? throw new ControllerException($"{Svc}: {Dir} holds no complete backup (no MANIFEST.json) on {_controller.Target}");
        await VerifyAsync(manifest, "the backup", ct).ConfigureAwait(false);
        var putBack = manifest.StateCopy is null ? $"remove {StateFile} (there was none)" : $"put {StateFile} back as it was";
        if (_request.CheckMode)
        {
            return new BackupOutcome
            {
                Changed = true,
                Message = $"{Svc}: would restore {string.Join(", ", manifest.Dumps.Select(d => d.Database))} from the backup taken {manifest.Created}",
                Directory = Dir, Dumps = manifest.Dumps, Manifest = ManifestFile, Created = manifest.Created,
                WouldRun = [.. manifest.Dumps.Select(d => $"load {Dir}/{d.File} into {d.Database} (replacing it whole)"), putBack],
            };
        }

        var owner = await Lock.AcquireAsync(_request.Owner, $"restore from {Dir}", Now(), ct).ConfigureAwait(false);
        var work = WorkDir();
        try
        {
            var (targets, _) = await ResolveAsync(work, ct).ConfigureAwait(false);
            var reachable = targets.Where(t => t.Error is null).ToList();
            var executor = new StepExecutor(_controller, LockDir, _request.StepTimeout);
            foreach (var d in manifest.Dumps)
            {
                // A database dropped since the backup has no size to measure but the same credentials: any option file of its name will do,
                // else the service's first (its [database] credentials).
                var target = reachable.FirstOrDefault(t => t.Database == d.Database) ?? reachable.FirstOrDefault()
                    ?? throw new ControllerException($"{Svc}: cannot reach the database server to restore {d.Database}");
                var unit = $"{StateDir}/runs/{Svc}/restore-{owner.RunId}/{d.Database}";
                var result = await executor.StartAsync(unit, 1, BackupScripts.Load($"{work}/{target.Number}.cnf", $"{Dir}/{d.File}"), ct).ConfigureAwait(false);
                if (result.Rc != 0)
                {
                    throw new ControllerException(_redactor.Clean(
                        $"{Svc}: loading {d.File} into {d.Database} failed ({(result.Rc is null ? "the load process was lost" : $"rc {result.Rc}")}): " +
                        $"{Core.Printable.Clip(result.Stderr.Trim(), 300)}; the databases restored before it stay restored"));
                }
            }

            await _controller.RunCheckedAsync(BackupScripts.PutStateBack($"{Dir}/{manifest.StateCopy ?? "state.json"}", StateFile), "putting the state file back", ct)
                .ConfigureAwait(false);
            return new BackupOutcome
            {
                Changed = true,
                Message = $"{Svc}: restored {string.Join(", ", manifest.Dumps.Select(d => d.Database))} from the backup taken {manifest.Created}",
                Directory = Dir, Dumps = manifest.Dumps, Manifest = ManifestFile, Created = manifest.Created,
            };
        }
        finally
        {
            await ForgetAsync(work).ConfigureAwait(false);
            await Lock.ReleaseAsync(owner).ConfigureAwait(false);
        }
    }
}
