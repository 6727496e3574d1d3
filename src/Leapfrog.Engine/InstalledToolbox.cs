using Leapfrog.Core.Releases;
using Leapfrog.Core.Toolboxes;
using Leapfrog.Remote;

namespace Leapfrog.Engine;

/// <summary>
/// Resolves a toolbox path holding a <c>*</c> (<see cref="NewestPath"/>, e.g. OpenStack-Ansible's
/// <c>/openstack/venvs/cinder-26.*</c>) to the newest installed directory on the controller. Read-only: check mode
/// resolves too, so it reports the toolbox a real run would use.
/// </summary>
internal static class InstalledToolbox
{
    /// <summary>The request's toolbox with its path resolved; unchanged (and nothing run) unless it is a venv or chroot whose path holds a <c>*</c>.</summary>
    /// <exception cref="ControllerException">Nothing installed matches: the message names the pattern, the release and what is there.</exception>
    public static async Task<Toolbox> ResolveAsync(Controller controller, HopRequest request, CancellationToken ct)
    {
        var toolbox = request.Toolbox;
        if (toolbox.Type is not (ToolboxType.Venv or ToolboxType.Chroot) || !NewestPath.IsPattern(toolbox.Path))
        {
            return toolbox;
        }

        var pattern = NewestPath.Parse(toolbox.Path!, "toolbox.path");
        var listing = await controller.RunCheckedAsync(List(pattern.Directory), $"listing {pattern.Directory}", ct).ConfigureAwait(false);
        var lines = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var what = $"{request.Service.Name} in {request.To.Id}";
        if (lines is ["missing"])
        {
            throw new ControllerException(
                $"no toolbox for {what} on {controller.Target}: {pattern.Pattern} matches nothing, {pattern.Directory} does not exist; " +
                "install that release's tools or point the toolbox at them; nothing was run");
        }

        var names = lines.Where(l => l != ".").ToList();
        var newest = pattern.Newest(names);
        if (newest is null)
        {
            var related = pattern.Related(names);
            var there = related.Count == 0 ? $"nothing like it is installed ({pattern.Directory} holds {Few(names)})" : $"installed: {Few(related)}";
            throw new ControllerException(
                $"no toolbox for {what} on {controller.Target}: no directory matches {pattern.Pattern}; {there}; " +
                "install that release's tools or point the toolbox at them; nothing was run");
        }

        return toolbox with { Path = pattern.PathOf(newest) };
    }

    // One name per line, then "." (so an empty directory differs from a failed listing); "missing" without the directory.
    private static string List(string dir) =>
        $"d={ShellQuote.Quote(dir)}; if [ -d \"$d\" ]; then for e in \"$d\"/*; do [ -d \"$e\" ] && printf '%s\\n' \"${{e##*/}}\"; done; echo .; else echo missing; fi";

    private static string Few(IReadOnlyList<string> names) =>
        names.Count == 0 ? "no directory" : string.Join(", ", names.Take(12)) + (names.Count > 12 ? $" and {names.Count - 12} more" : "");
}
