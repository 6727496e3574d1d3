using System.Text.RegularExpressions;
using Leapfrog.Core.Catalog;
using Leapfrog.Remote;

namespace Leapfrog.Engine;

/// <summary>The toolbox check: its tools must report a version of the release they are used for.</summary>
public sealed partial class HopRunner
{
    private string? _toolboxVersion;

    private async Task CheckToolboxAsync(CancellationToken ct)
    {
        var expected = ServiceCatalog.VersionFor(_request.Service, _request.To);
        var argv = _request.Service.VersionArgv;
        if (!_request.CheckToolboxVersion || expected is null || argv.Count == 0)
        {
            _warnings.Add($"toolbox version not checked for {Svc} in {_request.To.Id} " +
                          $"({(!_request.CheckToolboxVersion ? "check_toolbox_version is off" : "the catalog has no version for it")})");
            return;
        }

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

        if (Major(reported) != Major(expected))
        {
            throw new ControllerException(
                $"toolbox {_request.Toolbox.Describe()} has {Svc} {reported}, but {_request.To.Id} is {Svc} {Major(expected)}.x: " +
                "point the toolbox for this release at that release's tools; nothing was run");
        }

        _toolboxVersion = reported;
    }

    private static string Major(string version) => version.Split('.')[0];

    [GeneratedRegex(@"\b\d{1,3}\.\d+(\.\d+)?")]
    private static partial Regex VersionPattern();
}
