using Leapfrog.Core;

namespace Leapfrog.Remote;

/// <summary>Checks and wraps scripts for <c>/bin/sh -c</c>.</summary>
internal static class ShellScript
{
    /// <summary>argv that runs the script: <c>[sudo -n] /bin/sh -c script</c>.</summary>
    /// <exception cref="InvalidRequestException">The script contains NUL (no process argument can hold it).</exception>
    public static string[] Argv(string script, bool become)
    {
        ArgumentNullException.ThrowIfNull(script);
        if (script.Contains('\0', StringComparison.Ordinal))
        {
            throw new InvalidRequestException("the script contains a NUL character");
        }

        return become ? ["sudo", "-n", "/bin/sh", "-c", script] : ["/bin/sh", "-c", script];
    }
}
