using System.Text;
using System.Text.Json;
using Leapfrog.Core.Catalog;

namespace Leapfrog.Engine;

/// <summary>One thing preflight found: a problem (the run must not start) or a note an operator reads.</summary>
/// <param name="Problem">True for a problem, false for a note.</param>
/// <param name="Message">The sentence, secrets removed.</param>
public sealed record PreflightFinding(bool Problem, string Message);

/// <summary>
/// Preflight's checks beside the hop's own (check mode): the release's upgrade check, the catalog's status command run
/// in the toolbox the hop resolved and judged by the catalog's exit codes, and whether the service's lock is held.
/// </summary>
public sealed partial class HopRunner
{
    /// <summary>The catalog's status command for the service in the target release (its <c>upgrade_check</c> step); null when it has none.</summary>
    public StepDefinition? StatusCheck => _request.Catalog.ToolsFor(_request.Service, _request.To).StatusCheck;

    /// <summary>
    /// Runs the target release's upgrade check (<see cref="StatusCheck"/>) in the toolbox <see cref="RunAsync"/> resolved,
    /// wrapped as every other command, and judges its exit code by the catalog: ok is a note, warning a note with the
    /// checks that warned, anything else (a code the catalog calls an error or does not list) a problem.
    /// Call it after <see cref="RunAsync"/> in check mode; null when the catalog names no status command.
    /// </summary>
    /// <exception cref="Core.LeapfrogException">The controller cannot be reached.</exception>
    public async Task<PreflightFinding?> UpgradeCheckAsync(CancellationToken ct = default)
    {
        if (StatusCheck is not { } step)
        {
            return null;
        }

        var command = Command(step, _request.Batch);
        var result = await _controller.RunAsync(command, _request.StepTimeout, ct).ConfigureAwait(false);
        var what = $"{step.Argv[0]} upgrade check at {_request.To.Id}";
        var checks = UpgradeCheckTable.Parse(result.Stdout);
        string Named(string verdict) => _redactor.Clean(string.Join("; ", checks.Where(c => c.Result == verdict)
            .Select(c => c.Details.Length > 0 && c.Details != "None" ? $"{c.Check}: {c.Details}" : c.Check)));
        string Output() => Tail(_redactor.Clean(result.Stderr + "\n" + result.Stdout));

        return step.Meaning(result.ExitCode) switch
        {
            ExitMeaning.Ok => new PreflightFinding(false, $"{what}: success"),
            ExitMeaning.Warning => new PreflightFinding(false, $"{what}: warnings ({(Named("Warning") is { Length: > 0 } w ? w : Output())})"),
            var meaning when Named("Failure") is { Length: > 0 } failed =>
                new PreflightFinding(true, $"{what} failed: {failed} (rc {result.ExitCode}: {meaning.ToString().ToLowerInvariant()}; {Codes(step)})"),
            var meaning => new PreflightFinding(true,
                $"{what} failed: exited {result.ExitCode} ({meaning.ToString().ToLowerInvariant()}): " +
                $"{_redactor.Clean(ToolError.Describe(result.Stdout, result.Stderr))}; {Codes(step)}"),
        };
    }

    /// <summary>
    /// Whether the service's lock in <paramref name="stateDir"/> (the state directory the real runs use) is held, as a
    /// problem naming its holder when the lock says who; null when it is free.
    /// </summary>
    /// <exception cref="Core.LeapfrogException">The controller cannot be reached.</exception>
    public async Task<PreflightFinding?> LockHeldAsync(string stateDir, CancellationToken ct = default)
    {
        var lockDir = $"{stateDir.TrimEnd('/')}/{Svc}.lock";
        var script = $"if [ -e {Remote.ShellQuote.Quote(lockDir)} ]; then {Scripts.Read(lockDir + "/owner.json")}; else echo free; fi";
        var answer = (await _controller.RunCheckedAsync(script, "reading the lock", ct).ConfigureAwait(false)).Trim();
        if (answer == "free")
        {
            return null;
        }

        LockOwner? holder = null;
        try
        {
            holder = answer == "none" ? null : JsonSerializer.Deserialize(Encoding.UTF8.GetString(Convert.FromBase64String(answer)), StateJsonContext.Default.LockOwner);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            holder = null; // a half-written owner file: held by nobody known
        }

        return new PreflightFinding(true,
            $"lock {lockDir} is held by {ServiceLock.Who(holder)}: another leapfrog run is migrating {Svc}; wait for it or remove a stale lock");
    }
}
