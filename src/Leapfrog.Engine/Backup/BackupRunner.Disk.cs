using System.Globalization;
using Leapfrog.Remote;

namespace Leapfrog.Engine;

/// <content>The free space for the backups, as preflight checks it.</content>
public sealed partial class BackupRunner
{
    /// <summary>
    /// Free bytes on the filesystem that holds <paramref name="directory"/> on the controller (its nearest existing
    /// parent when it does not exist yet: the backups will create it there).
    /// </summary>
    /// <exception cref="ControllerException">The controller cannot be reached, or <c>df</c> gives no answer.</exception>
    public static async Task<long> FreeBytesAsync(IShell shell, string directory, TimeSpan reconnectWindow, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(shell);
        await shell.ConnectAsync(ct).ConfigureAwait(false);
        var controller = new Controller(shell, TimeProvider.System, reconnectWindow);
        var script = $$"""
            d={{ShellQuote.Quote(directory)}}
            while [ ! -e "$d" ] && [ "$d" != / ] && [ -n "$d" ]; do d=$(dirname "$d"); done
            df -Pk "${d:-/}" | awk 'NR == 2 { print $4 }'
            """;
        var answer = (await controller.RunCheckedAsync(script, $"measuring the free space for {directory}", ct).ConfigureAwait(false)).Trim();
        return long.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out var kb)
            ? kb * 1024
            : throw new ControllerException($"measuring the free space for {directory} on {shell.Target}: df printed '{Core.Printable.Clip(answer, 80)}', not a size");
    }
}
