using System.Text;
using System.Text.Json;
using Leapfrog.Core.Releases;
using Leapfrog.Remote;

namespace Leapfrog.Engine;

/// <summary>Where one service stands on the controller, as its state file and lock say.</summary>
public sealed record ServiceStanding
{
    /// <summary>Service name.</summary>
    public required string Service { get; init; }

    /// <summary>The release its state file records (canonical id); null when it has none (no state file or no hop finished).</summary>
    public Release? Release { get; init; }

    /// <summary>The last hop recorded (it may have failed or still be running); null when none.</summary>
    public HopRecord? LastHop { get; init; }

    /// <summary>Who holds the service's lock, when it is held (a hop running now, or one that died holding it).</summary>
    public LockOwner? Lock { get; init; }
}

/// <summary>
/// Reads where every service stands in one call to the controller: each <c>&lt;state_dir&gt;/&lt;service&gt;.json</c> and
/// <c>&lt;service&gt;.lock</c>, read-only. The upgrade and preflight roles ask this once instead of once per service.
/// </summary>
public static class StandingReader
{
    /// <summary>Reads the state files and locks of <paramref name="services"/> in <paramref name="stateDir"/>.</summary>
    /// <exception cref="ControllerException">The controller cannot be reached, or a state file is corrupt.</exception>
    public static async Task<IReadOnlyList<ServiceStanding>> ReadAsync(
        IShell shell, string stateDir, IReadOnlyList<string> services, ReleaseCatalog releases, TimeSpan reconnectWindow,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(shell);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(releases);
        await shell.ConnectAsync(ct).ConfigureAwait(false);
        var controller = new Controller(shell, TimeProvider.System, reconnectWindow);
        var dir = stateDir.TrimEnd('/');
        // Two lines per service: the state file, then the lock's owner file (each base64 on one line, or "none").
        var script = string.Join("\n", services.SelectMany(s => new[] { Scripts.Read($"{dir}/{s}.json"), Scripts.Read($"{dir}/{s}.lock/owner.json") }));
        var lines = (await controller.RunCheckedAsync(script, "reading the state files", ct).ConfigureAwait(false))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length != services.Count * 2)
        {
            throw new ControllerException(
                $"reading the state files on {shell.Target} printed {lines.Length} lines, expected {services.Count * 2}; nothing was changed");
        }

        return services.Select((s, i) => Stand(s, $"{dir}/{s}.json", lines[2 * i], lines[(2 * i) + 1], releases, shell.Target)).ToList();
    }

    private static ServiceStanding Stand(string service, string file, string state, string owner, ReleaseCatalog releases, string target)
    {
        var parsed = Parse(state, file, target, StateJsonContext.Default.ServiceState);
        // A lock whose owner file is half-written reads as held by nobody known: the hop module decides when it runs.
        LockOwner? holder;
        try
        {
            holder = Parse(owner, file, target, StateJsonContext.Default.LockOwner);
        }
        catch (ControllerException)
        {
            holder = null;
        }

        return new ServiceStanding
        {
            Service = service,
            Release = parsed?.Release is { } r ? releases.Find(r, $"{file}: release") : null,
            LastHop = parsed?.Hops.LastOrDefault(),
            Lock = holder,
        };
    }

    private static T? Parse<T>(string line, string file, string target, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        if (line == "none")
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(Encoding.UTF8.GetString(Convert.FromBase64String(line)), type) ?? throw new JsonException("null");
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw new ControllerException(StateFileError.Describe(file, target, ex));
        }
    }
}
