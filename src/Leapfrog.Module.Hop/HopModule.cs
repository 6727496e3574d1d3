using System.Text.Json.Nodes;
using Leapfrog.Engine;
using Leapfrog.Remote;

namespace Leapfrog.Module.Hop;

/// <summary>leapfrog.openstack.hop: one migration hop for one service.</summary>
internal static class HopModule
{
    /// <summary>Validates everything, then runs the hop. Bad input fails before any connection is made.</summary>
    public static async Task<JsonObject> RunAsync(ModuleArgs args)
    {
        if (HopStanding.Asked(args))
        {
            return await HopStanding.RunAsync(args).ConfigureAwait(false);
        }

        if (HopPreflight.Asked(args))
        {
            return await HopPreflight.RunAsync(args).ConfigureAwait(false);
        }

        if (HopServices.Asked(args))
        {
            return await HopServices.RunAsync(args).ConfigureAwait(false);
        }

        var request = HopArgs.Request(args);
        var connection = HopArgs.Connection(args);
        var reconnect = TimeSpan.FromSeconds(args.GetInt("reconnect_timeout", 300, 0, 86400));
        await using var shell = ShellFactory.Create(connection, TimeProvider.System);
        // A killed module (Ansible's task timeout) leaves its detached step running and its lock behind:
        // the next run sees the lock's owner is gone, takes it over and re-attaches to the step.
        var outcome = await new HopRunner(shell, request, TimeProvider.System, reconnect).RunAsync().ConfigureAwait(false);
        return HopResult.ToJson(outcome, request, shell.Target);
    }
}
