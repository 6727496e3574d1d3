using System.Text.Json.Nodes;
using Leapfrog.Core;
using Leapfrog.Core.Outcomes;
using Leapfrog.Engine;
using Leapfrog.Remote;

namespace Leapfrog.Module.Hop;

/// <summary>
/// <c>check_only</c>: the hop's own checks for preflight, returned as ready-made <c>problems</c> and <c>notes</c> (plain
/// sentences, secrets removed) beside the hop's usual result. A hop it would refuse is a problem with the hop's message;
/// with <c>upgrade_check</c> the call is the release's upgrade check instead, and whatever keeps it from running is a note.
/// </summary>
internal static class HopPreflight
{
    /// <summary>The parameters preflight adds to the hop's.</summary>
    public static readonly IReadOnlyCollection<string> Parameters = ["upgrade_check", "lock_state_dir", "check_databases"];

    /// <summary>True when the task asks for preflight's check (check_only).</summary>
    /// <exception cref="InvalidRequestException">One of its parameters without check_only.</exception>
    public static bool Asked(ModuleArgs args)
    {
        if (args.GetBool("check_only", false))
        {
            return true;
        }

        return Parameters.FirstOrDefault(args.Has) is { } alone
            ? throw new InvalidRequestException($"{alone} is a check of preflight: it needs check_only: true")
            : false;
    }

    /// <summary>Runs the check; only bad input of its own parameters fails the task.</summary>
    public static async Task<JsonObject> RunAsync(ModuleArgs args)
    {
        var source = args.GetBool("upgrade_check", false);
        var lockStateDir = args.GetString("lock_state_dir") is { } l ? Inputs.Path(l, "lock_state_dir").TrimEnd('/') : null;
        var databases = args.GetBool("check_databases", true);
        var redactor = new Redactor(new[] { args.GetString("password"), args.GetString("private_key"), args.GetString("private_key_passphrase") }
            .Where(s => !string.IsNullOrEmpty(s)).Select(s => s!));
        var problems = new List<string>();
        var notes = new List<string>();
        JsonObject result;
        try
        {
            result = source
                ? await SourceAsync(args, notes, problems).ConfigureAwait(false)
                : await PathAsync(args, lockStateDir, databases, notes, problems).ConfigureAwait(false);
        }
        catch (LeapfrogException ex) when (source)
        {
            // The source release's toolbox is optional (no hop runs there): without one its upgrade check is skipped.
            notes.Add($"upgrade check of {Printable.Clip(args.GetString("service") ?? "?", 40)} at {Printable.Clip(args.GetString("to_release") ?? "?", 40)} skipped: {ex.Message}");
            result = new JsonObject { ["msg"] = ex.Message };
        }
        catch (LeapfrogException ex)
        {
            problems.Add(ex.Message);
            result = ModuleHost.Failure(ex.Message);
        }

        result["problems"] = new JsonArray(problems.Select(p => (JsonNode)redactor.Clean(p)).Distinct().ToArray());
        result["notes"] = new JsonArray(notes.Select(n => (JsonNode)redactor.Clean(n)).ToArray());
        return result;
    }

    /// <summary>The release's upgrade check, in the toolbox the hop resolves; a service without a status tool gets a note, no connection.</summary>
    private static async Task<JsonObject> SourceAsync(ModuleArgs args, List<string> notes, List<string> problems)
    {
        var catalog = CatalogFile.Load(args);
        var service = catalog.Find(args.GetRequired("service"));
        var at = catalog.Releases.Find(args.GetRequired("to_release"), "to_release");
        if (catalog.ToolsFor(service, at).StatusCheck is null)
        {
            notes.Add($"upgrade check of {service.Name} at {at.Id} skipped: the catalog names no status tool for it");
            return new JsonObject { ["msg"] = $"the catalog names no status tool for {service.Name} in {at.Id}" };
        }

        var request = HopArgs.Request(args) with { UpgradeCheck = true };
        await using var shell = ShellFactory.Create(HopArgs.Connection(args), TimeProvider.System);
        var runner = new HopRunner(shell, request, TimeProvider.System, Reconnect(args));
        var outcome = await runner.RunAsync().ConfigureAwait(false);
        if (outcome.Failed)
        {
            notes.Add($"upgrade check of {service.Name} at {at.Id} skipped: {outcome.Message}");
        }
        else if (await runner.UpgradeCheckAsync().ConfigureAwait(false) is { } finding)
        {
            (finding.Problem ? problems : notes).Add(finding.Message);
        }

        var result = HopResult.ToJson(outcome, request, shell.Target);
        result["failed"] = false; // what kept the check from running is a note
        return result;
    }

    /// <summary>The hop's own checks of one path release: its refusal, the databases it cannot read, a held lock are problems.</summary>
    private static async Task<JsonObject> PathAsync(ModuleArgs args, string? lockStateDir, bool databases, List<string> notes, List<string> problems)
    {
        var request = HopArgs.Request(args);
        await using var shell = ShellFactory.Create(HopArgs.Connection(args), TimeProvider.System);
        var runner = new HopRunner(shell, request, TimeProvider.System, Reconnect(args));
        if (lockStateDir is not null)
        {
            await shell.ConnectAsync().ConfigureAwait(false);
            if (await runner.LockHeldAsync(lockStateDir).ConfigureAwait(false) is { } held)
            {
                problems.Add(held.Message);
            }
        }

        var outcome = await runner.RunAsync().ConfigureAwait(false);
        var at = $"{request.To.Id} {request.Service.Name}";
        if (outcome.Failed)
        {
            problems.Add(outcome.Message);
        }

        if (databases)
        {
            problems.AddRange(outcome.SchemaBefore.Select(d => d.Error).OfType<string>());
        }

        notes.Add($"{at}: toolbox reports {(string.IsNullOrEmpty(outcome.ToolboxVersion) ? "no version (not checked)" : outcome.ToolboxVersion)}");
        notes.AddRange(outcome.Blockers.Where(b => !(b.Severity == "blocking" && b.Status == BlockerStatus.Found)).Select(b =>
            $"{at}: blocker {b.Id} ({b.Severity}, {b.Status.Name()}): {b.Message}" +
            (b.Details.Count > 0 ? $" [{string.Join("; ", b.Details)}]" : "") + (b.Error is null ? "" : $" ({b.Error})") +
            $". Fix: {b.Fix}. Source: {b.Source}"));
        return HopResult.ToJson(outcome, request, shell.Target);
    }

    private static TimeSpan Reconnect(ModuleArgs args) => TimeSpan.FromSeconds(args.GetInt("reconnect_timeout", 300, 0, 86400));
}
