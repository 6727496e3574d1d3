using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;
using Leapfrog.Remote;

namespace Leapfrog.Engine;

/// <summary>
/// The pre-check (every tool the hop will run is in the toolbox and can start, and the toolbox ships the migration
/// scripts the verdict needs) and the schema verdict (every database at the heads the target toolbox ships), both
/// asked of the toolbox's own python3 in one process (<see cref="Inspection"/>).
/// </summary>
public sealed partial class HopRunner
{
    private static readonly TimeSpan InspectTimeout = TimeSpan.FromSeconds(300);
    private RunResult? _lastRun;
    private List<string> _schemaBehind = [];
    private IReadOnlyList<UpgradeCheck> _upgradeChecks = [];

    /// <summary>The tools of every step this hop will run: its probe and verification, and the schema and data steps of its phases.</summary>
    private IEnumerable<(string Tool, string Path)> NeededTools() =>
        new[] { First(StepKind.Probe), VerifyStep(), _request.UpgradeCheck ? StatusCheck : null }.OfType<StepDefinition>()
            .Concat(Steps(StepKind.Schema).Concat(Steps(StepKind.Data)).Where(s => _request.Phases.Contains(s.Kind)))
            .Select(s => s.Argv[0])
            .Distinct(StringComparer.Ordinal)
            .Select(tool => (tool, _request.Toolbox.Wrap([tool], _request.ConfigFile)[^1]));

    /// <summary>
    /// Before the lock and the first step: refuses, with nothing run, when the toolbox's tools are not of the target
    /// release (<see cref="CheckToolboxAsync"/>, their version read in the same process when it can be), the config file cannot be read where the tools
    /// read it (inside a chroot, the host directory mounted into a container, the host for the others), a tool is missing or cannot start, or when
    /// the toolbox ships none of the migration layouts the verdict needs. Returns each database as it is before the hop.
    /// </summary>
    /// <exception cref="ControllerException">A missing or broken tool, or a toolbox that cannot answer.</exception>
    private async Task<IReadOnlyList<DatabaseRevision>> PreCheckAsync(CancellationToken ct)
    {
        var (inspection, error) = await InspectAsync(NeededTools().ToList(), "pre-check", ct, _request.Blockers, VersionTool()).ConfigureAwait(false);
        await CheckToolboxAsync(inspection?.ToolVersion, ct).ConfigureAwait(false); // the tools' version is judged first, as before
        if (inspection is null)
        {
            throw new ControllerException($"{error}; nothing was run");
        }

        var where = $"toolbox {_request.Toolbox.Describe()} for {Svc} in {_request.To.Id}";
        if (inspection.ConfigProblem is { } config)
        {
            var host = _request.Toolbox.HostPath(_request.ConfigFile);
            throw new ControllerException(
                $"{where}: the config file {_request.ConfigFile} {config} where the tools read it" +
                (host == _request.ConfigFile ? "" : $" ({host} on the controller, unless bound into the chroot)") +
                "; put it there (or set config_file); nothing was run");
        }

        if (inspection.Problems.Count > 0)
        {
            throw new ControllerException(
                $"{where} lacks what the hop needs: {string.Join("; ", inspection.Problems.Select(p => $"{p.Tool} ({p.Path}): {p.Problem}"))}. " +
                "Install the missing tools in that release's toolbox or point the toolbox at one that has them; nothing was run");
        }

        var unjudged = inspection.Databases.Where(d => d.Heads is null).ToList();
        if (unjudged.Count > 0)
        {
            throw new ControllerException(
                $"{where} cannot judge {string.Join("; ", unjudged.Select(d => d.Describe()))}; " +
                "the hop could not be verified afterwards; nothing was run");
        }

        JudgeBlockers(inspection.Findings);
        _schemaBehind = inspection.Databases.Where(d => d.Error is null && !d.AtHead).Select(d => d.Describe()).ToList();
        foreach (var unread in inspection.Databases.Where(d => d.Error is not null))
        {
            _warnings.Add($"before the hop: {unread.Describe()}");
        }

        return inspection.Databases;
    }

    /// <summary>
    /// The release's own verification, for a hop that runs schema steps. A hop of data steps alone (the start release's
    /// own data migrations) changes no schema: the data tool's exit code says whether its migrations are done, and the
    /// schema verdict is the pre-check's reading (below), so no verification tool is started for it.
    /// </summary>
    private StepDefinition? VerifyStep() => _request.Phases.Contains(StepKind.Schema) ? First(StepKind.Verify) : null;

    /// <summary>
    /// After the steps: each database against the heads the target toolbox ships. Returns the failure (or null) and the
    /// databases. A hop that ran no schema step is judged by <paramref name="before"/>, the pre-check's reading: data
    /// migrations do not move a schema revision, so asking again would only start the same process twice.
    /// </summary>
    private async Task<(string? Failure, IReadOnlyList<DatabaseRevision> After)> SchemaVerdictAsync(IReadOnlyList<DatabaseRevision> before, CancellationToken ct)
    {
        if (_request.Service.Schema.Count == 0)
        {
            return (null, []);
        }

        IReadOnlyList<DatabaseRevision> databases;
        if (_request.Phases.Contains(StepKind.Schema) || before.Any(d => d.Error is not null))
        {
            var (inspection, error) = await InspectAsync([], "schema verdict", ct).ConfigureAwait(false);
            if (inspection is null)
            {
                return (error, []);
            }

            databases = inspection.Databases;
        }
        else
        {
            databases = before;
        }

        var behind = databases.Where(d => !d.AtHead).ToList();
        if (databases.Count == 0)
        {
            return ($"the schema verdict found no database of {Svc}", databases);
        }

        return behind.Count == 0
            ? (null, databases)
            : ($"schema verdict: {string.Join("; ", behind.Select(d => d.Describe()))}", databases);
    }

    /// <summary>Asks the toolbox; returns its answer, or null and why it gave none.</summary>
    private async Task<(Inspection? Answer, string? Error)> InspectAsync(
        IReadOnlyList<(string Tool, string Path)> tools, string what, CancellationToken ct, IReadOnlyList<BlockerDefinition>? checks = null,
        string? versionTool = null)
    {
        var argv = Inspection.Argv(_request.ConfigFile, Svc, tools, _request.Service.Schema, checks, versionTool);
        var command = ShellQuote.Join(_request.Toolbox.Wrap(argv, _request.ConfigFile));
        var result = await _controller.RunAsync(command, InspectTimeout, ct).ConfigureAwait(false);
        var answer = result.ExitCode == 0 ? Inspection.Parse(result.Stdout, _redactor.Clean) : null;
        return answer is not null
            ? (answer, null)
            : (null, $"toolbox {_request.Toolbox.Describe()} for {Svc} in {_request.To.Id}: its python3 could not answer the {what} " +
                     $"(`python3 -c <leapfrog inspect script>` exited {result.ExitCode}): {Tail(_redactor.Clean(result.Stderr + "\n" + result.Stdout))}");
    }

    /// <summary>
    /// True when every database is at the shipped heads and the release's own check (if any) passed; false when either
    /// is not, or the hop failed; null when there was nothing to judge by.
    /// </summary>
    private bool? Verified(string? failure, IReadOnlyList<DatabaseRevision> after)
    {
        var verify = _reports.LastOrDefault(r => r.Kind == StepKind.Verify);
        if (after.Count == 0 && verify is null)
        {
            return failure is null ? null : false;
        }

        return failure is null && after.All(d => d.AtHead) && (verify is null || verify.Outcome == StepOutcome.Ok);
    }

    /// <summary>
    /// Reads the status tool's checks and judges each: a check the catalog lists (<c>upgrade_checks</c>) is not applicable
    /// (it needs a running cloud, not the database). Returns <see cref="StepOutcome.Ok"/> when the tool failed (rc 2, oslo.upgradecheck's
    /// Failure) only through checks that are not applicable; null to let the exit code decide.
    /// </summary>
    private StepOutcome? JudgeChecks(StepDefinition step, RunResult result)
    {
        _upgradeChecks = UpgradeCheckTable.Parse(result.Stdout).Select(c =>
            _request.Catalog.UpgradeCheckFor(_request.Service, _request.To, c.Check) is { } rule
                ? c with { Verdict = rule.Verdict, Why = $"{rule.Why} ({rule.Source})" }
                : c with { Verdict = c.Result.ToLowerInvariant() }).ToList();
        var failures = _upgradeChecks.Where(c => c.Result == "Failure").ToList();
        var understood = _upgradeChecks.All(c => c.Result is "Success" or "Warning" or "Failure");
        if (result.Rc != 2 || result.TimedOut || step.Meaning(2) != ExitMeaning.Error || failures.Count == 0 || !understood
            || failures.Any(c => c.Verdict != "not_applicable"))
        {
            return null;
        }

        foreach (var warning in _upgradeChecks.Where(c => c.Verdict == "warning"))
        {
            _warnings.Add($"{step.Name}: {warning.Check}: {Core.Printable.Clip(_redactor.Clean(warning.Details), 300)}");
        }

        return StepOutcome.Ok; // oslo.upgradecheck exits 2 for any Failure: here only checks that do not judge the database failed
    }
}
