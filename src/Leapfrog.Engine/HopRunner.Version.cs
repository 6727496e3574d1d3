using System.Text.RegularExpressions;
using Leapfrog.Core.Catalog;
using Leapfrog.Core.Outcomes;
using Leapfrog.Remote;

namespace Leapfrog.Engine;

/// <summary>
/// The toolbox check: its tools must report a version of the release they are used for. The pre-check's inspect
/// process reads it from the metadata of the distribution that ships the version tool's module (what the tool's own
/// <c>--version</c> prints), with no tool started; when it cannot tell for sure, the tool's <c>--version</c> runs.
/// </summary>
public sealed partial class HopRunner
{
    private string? _toolboxVersion;

    /// <summary>The version tool the inspect process is asked about (the path the toolbox runs it by), or null when no version is checked.</summary>
    private string? VersionTool() =>
        _request.CheckToolboxVersion && ServiceCatalog.VersionFor(_request.Service, _request.To) is not null && _request.Service.VersionArgv.Count > 0
            ? _request.Toolbox.Wrap([_request.Service.VersionArgv[0]], _request.ConfigFile)[^1]
            : null;

    /// <summary>Checks the toolbox's version: <paramref name="inspected"/> when the inspect process read it, else the tool's own answer.</summary>
    private async Task CheckToolboxAsync(string? inspected, CancellationToken ct)
    {
        var expected = ServiceCatalog.VersionFor(_request.Service, _request.To);
        var argv = _request.Service.VersionArgv;
        if (!_request.CheckToolboxVersion || expected is null || argv.Count == 0)
        {
            _warnings.Add($"toolbox version not checked for {Svc} in {_request.To.Id} " +
                          $"({(!_request.CheckToolboxVersion ? "check_toolbox_version is off" : "the catalog has no version for it")})");
            return;
        }

        var reported = inspected is null ? null : VersionPattern().Matches(inspected).LastOrDefault()?.Value;
        reported ??= await RunVersionToolAsync(argv, ct).ConfigureAwait(false);
        if (OtherRelease(reported, expected) is { } other)
        {
            throw new ControllerException($"{other}: point the toolbox for this release at that release's tools; nothing was run");
        }

        _toolboxVersion = reported;
    }

    /// <summary>
    /// The toolbox alone (<see cref="HopRequest.ToolboxOnly"/>): resolved, and the catalog's version command run in it (the
    /// tool's own answer, not the inspect process's reading: a toolbox just built must show that its tools start); a
    /// version of another release is a warning. Nothing else is read or written.
    /// </summary>
    private async Task<HopOutcome> ToolboxOnlyAsync(CancellationToken ct)
    {
        _request = _request with { Toolbox = await InstalledToolbox.ResolveAsync(_controller, _request, ct).ConfigureAwait(false) };
        var expected = ServiceCatalog.VersionFor(_request.Service, _request.To);
        var argv = _request.Service.VersionArgv;
        if (argv.Count == 0)
        {
            throw new ControllerException($"the catalog names no version command for {Svc} in {_request.To.Id}; nothing was run");
        }

        var reported = await RunVersionToolAsync(argv, ct).ConfigureAwait(false);
        if (OtherRelease(reported, expected) is { } other)
        {
            // Reported, not refused: the toolbox is what it is (a Debian suite may carry a later release of one service);
            // a hop to this release with it is refused by the same check.
            _warnings.Add($"{other}: a hop to {_request.To.Id} with it will be refused");
        }

        _toolboxVersion = reported;
        return new HopOutcome
        {
            Message = $"{_request.To.Id} {Svc}: toolbox {_request.Toolbox.Describe()} reports {reported}",
            StateFile = StateFile,
            DataOutcome = DataOutcome.NotRun,
        };
    }

    /// <summary>Runs the tool's own <c>--version</c>; returns the version it printed or refuses the hop.</summary>
    private async Task<string> RunVersionToolAsync(IReadOnlyList<string> argv, CancellationToken ct)
    {
        var command = ShellQuote.Join(_request.Toolbox.Wrap(argv, _request.ConfigFile));
        var result = await _controller.RunAsync(command, TimeSpan.FromSeconds(120), ct).ConfigureAwait(false);
        var text = _redactor.Clean(result.Stdout + "\n" + result.Stderr);
        var reported = VersionPattern().Matches(text).LastOrDefault()?.Value;
        if (result.ExitCode != 0 || reported is null)
        {
            throw new ControllerException(
                $"toolbox {_request.Toolbox.Describe()} cannot run {Svc}'s tools for {_request.To.Id}: `{_redactor.Clean(command)}` " +
                $"exited {result.ExitCode}{(reported is null ? " without printing a version" : "")}: {Tail(text)}; nothing was run");
        }

        return reported;
    }

    /// <summary>What is wrong when <paramref name="reported"/> is not of the release's major version; null when it is, or when the catalog has none.</summary>
    private string? OtherRelease(string reported, string? expected) =>
        expected is null || Major(reported) == Major(expected)
            ? null
            : $"toolbox {_request.Toolbox.Describe()} has {Svc} {reported}, but {_request.To.Id} is {Svc} {Major(expected)}.x";

    private static string Major(string version) => version.Split('.')[0];

    [GeneratedRegex(@"\b\d{1,3}\.\d+(\.\d+)?")]
    private static partial Regex VersionPattern();
}
