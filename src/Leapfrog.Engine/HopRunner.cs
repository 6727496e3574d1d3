using System.Globalization;
using System.Text;
using System.Text.Json;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;
using Leapfrog.Remote;

namespace Leapfrog.Engine;

/// <summary>
/// Runs one hop for one service on a controller: reads the state file, takes the service's lock,
/// probes, runs the target release's steps detached (re-attaching across dropped connections and
/// killed modules), loops data migrations in batches, verifies, and records the new state.
/// </summary>
public sealed partial class HopRunner
{
    private HopRequest _request;
    private readonly Controller _controller;
    private readonly TimeProvider _time;
    private readonly Redactor _redactor;
    private readonly StepExecutor _executor;
    private readonly SyncList<string> _warnings = new();
    private readonly SyncList<StepReport> _reports = new();
    private readonly TaskCompletionSource _stepsEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IShell _shell;

    /// <summary>Creates a runner for <paramref name="request"/> over <paramref name="shell"/>.</summary>
    /// <param name="shell">The controller (connected on first use).</param>
    /// <param name="request">The validated hop.</param>
    /// <param name="time">Clock (tests inject a fake one).</param>
    /// <param name="reconnectWindow">How long to keep retrying when the controller cannot be reached.</param>
    public HopRunner(IShell shell, HopRequest request, TimeProvider time, TimeSpan reconnectWindow)
    {
        _shell = shell;
        _request = request;
        _time = time;
        _controller = new Controller(shell, time, reconnectWindow);
        _redactor = new Redactor(request.Secrets);
        _executor = new StepExecutor(_controller, LockDir, request.StepTimeout);
    }

    private string Svc => _request.Service.Name;

    /// <summary>
    /// Completes when every schema and data step of the hop (the service's and its cells') has ended well: what is left
    /// reads the databases (the release's verification, the schema verdict, the registry read; writes only the
    /// registry clean-up, when asked, and the state file). It never completes for a hop that stops before (a failed
    /// step, a refusal, a finished hop): callers wait for it or for <see cref="RunAsync"/>, whichever ends first.
    /// </summary>
    public Task StepsEnded => _stepsEnded.Task;

    private string StateFile => $"{_request.StateDir.TrimEnd('/')}/{Svc}.json";

    private string LockDir => $"{_request.StateDir.TrimEnd('/')}/{Svc}.lock";

    private string RunsDir(string runId) => $"{_request.StateDir.TrimEnd('/')}/runs/{Svc}/{runId}";

    /// <summary>Runs the hop. Bad input and unreachable controllers throw; a failing step returns a failed outcome.</summary>
    /// <exception cref="Core.LeapfrogException">Connection, host key, authentication, lock or state problems.</exception>
    public async Task<HopOutcome> RunAsync(CancellationToken ct = default)
    {
        await _shell.ConnectAsync(ct).ConfigureAwait(false);
        if (_request.ToolboxOnly)
        {
            return Finish(await ToolboxOnlyAsync(ct).ConfigureAwait(false));
        }

        var state = await ReadStateAsync(ct).ConfigureAwait(false);
        var done = AlreadyDone(state);
        if (done is not null)
        {
            return Finish(done);
        }

        _request = _request with { Toolbox = await InstalledToolbox.ResolveAsync(_controller, _request, ct).ConfigureAwait(false) };
        var before = await PreCheckAsync(ct).ConfigureAwait(false);
        if (_request.CheckMode)
        {
            return Finish(WithBlockers(await CheckAsync(ct).ConfigureAwait(false) with { SchemaBefore = before }));
        }

        var owner = await LockAsync(ct).ConfigureAwait(false);
        HopOutcome outcome;
        try
        {
            state = await ReadStateAsync(ct).ConfigureAwait(false);
            outcome = WithBlockers(AlreadyDone(state) ?? await RunLockedAsync(state, owner, before, ct).ConfigureAwait(false));
        }
        finally
        {
            await UnlockAsync(owner).ConfigureAwait(false);
        }

        // After the unlock, so a lock left behind is in the result's warnings and its reconnects are counted.
        return Finish(outcome);
    }

    private HopOutcome Finish(HopOutcome outcome) => outcome with
    {
        Warnings = [.. _shell.Warnings.Select(_redactor.Clean), .. _warnings.Select(_redactor.Clean)],
        Steps = _reports.ToList(),
        ToolboxVersion = _toolboxVersion,
        Cells = _cells,
        ControllerCalls = _controller.Calls,
        Reconnects = _controller.Reconnects,
        Toolbox = _request.Toolbox,
        Registry = _registry,
    };

    private HopOutcome? AlreadyDone(ServiceState? state)
    {
        if (state?.Release is null)
        {
            return null;
        }

        var at = _request.Catalog.Releases.Find(state.Release, $"{StateFile}: release");
        if (at.Order >= _request.To.Order)
        {
            return new HopOutcome
            {
                AlreadyDone = true,
                Verified = null, // nothing was checked in this run; the hop that got there was verified (or said why not)
                Message = $"{Svc} is already at {at.Id} (state file {StateFile}); nothing to do",
                StateFile = StateFile,
                DataOutcome = DataOutcome.NotRun,
            };
        }

        if (at.Order != _request.From.Order)
        {
            throw new ControllerException(
                $"{Svc}: the state file {StateFile} says the database is at {at.Id}, but from_release is {_request.From.Id}; " +
                "hop from the release it is at (or correct the state file if the database was moved by other means)");
        }

        return null;
    }

    private async Task<ServiceState?> ReadStateAsync(CancellationToken ct)
    {
        var text = (await _controller.RunCheckedAsync(Scripts.Read(StateFile), "reading the state file", ct).ConfigureAwait(false)).Trim();
        if (text == "none")
        {
            return null;
        }

        try
        {
            var json = Encoding.UTF8.GetString(Convert.FromBase64String(text));
            return JsonSerializer.Deserialize(json, StateJsonContext.Default.ServiceState) ?? throw new JsonException("null");
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw new ControllerException(StateFileError.Describe(StateFile, _controller.Target, ex));
        }
    }

    private Task<string> WriteStateAsync(ServiceState state, CancellationToken ct) =>
        _controller.RunCheckedAsync(
            Scripts.Write(StateFile, JsonSerializer.Serialize(state with { Updated = Now() }, StateJsonContext.Default.ServiceState)),
            $"writing the state file {StateFile}", ct);

    private string Now() => _time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private string Command(StepDefinition step, int batch) =>
        ShellQuote.Join(_request.Toolbox.Wrap(step.Render(_request.ConfigFile, batch), _request.ConfigFile));
}
