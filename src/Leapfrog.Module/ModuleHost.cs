using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Leapfrog.Core;

namespace Leapfrog.Module;

/// <summary>
/// Runs a module the way Ansible expects a binary module to behave: argv[1] names the args file;
/// exactly one JSON object goes to stdout; a failure sets <c>failed: true</c> and exits non-zero.
/// </summary>
public static class ModuleHost
{
    private static readonly JsonSerializerOptions Output = new()
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // plain "->" and quotes: the output is never HTML
    };

    /// <summary>Runs <paramref name="body"/> and writes its result (or the failure) to <paramref name="stdout"/>.</summary>
    /// <param name="argv">The process arguments.</param>
    /// <param name="spec">Every user parameter the module takes.</param>
    /// <param name="body">The module's work: returns the result object (without <c>failed</c>/<c>changed</c> when it wants the defaults).</param>
    /// <param name="stdout">Where the JSON goes.</param>
    /// <returns>The process exit code: 0, or 1 when failed.</returns>
    public static async Task<int> RunAsync(string[] argv, IReadOnlyCollection<string> spec, Func<ModuleArgs, Task<JsonObject>> body, TextWriter stdout)
    {
        JsonObject result;
        var verbosity = 0;
        try
        {
            var args = ModuleArgs.Parse(ReadArgsFile(argv), spec);
            verbosity = args.Verbosity;
            result = await body(args).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the protocol demands one JSON object whatever happens
        catch (Exception ex)
#pragma warning restore CA1031
        {
            result = Failure(ex, verbosity);
        }

        var failed = result["failed"] is JsonValue f && f.GetValue<bool>();
        result["failed"] ??= false;
        result["changed"] ??= false;
        await stdout.WriteLineAsync(result.ToJsonString(Output)).ConfigureAwait(false);
        await stdout.FlushAsync().ConfigureAwait(false);
        return failed ? 1 : 0;
    }

    /// <summary>A failed result with <paramref name="message"/>.</summary>
    public static JsonObject Failure(string message) => new() { ["failed"] = true, ["changed"] = false, ["msg"] = message };

    /// <summary>
    /// The failed result for <paramref name="ex"/>: a <see cref="LeapfrogException"/>'s own message, anything else as an
    /// internal error naming its type (its stack trace only from <paramref name="verbosity"/> 3 on, never by default).
    /// </summary>
    public static JsonObject Failure(Exception ex, int verbosity = 0)
    {
        ArgumentNullException.ThrowIfNull(ex);
        if (ex is LeapfrogException)
        {
            return Failure(ex.Message);
        }

        var result = Failure($"internal error ({ex.GetType().Name}): {Printable.Clip(ex.Message, 300)}");
        if (verbosity >= 3)
        {
            result["exception"] = ex.ToString();
        }

        return result;
    }

    private static string ReadArgsFile(string[] argv)
    {
        if (argv.Length != 1 || string.IsNullOrEmpty(argv[0]))
        {
            throw new InvalidRequestException(
                "usage: MODULE ARGS_FILE (Ansible passes the path of a JSON file holding the task's parameters)");
        }

        var path = argv[0];
        byte[] bytes;
        try
        {
            if (Directory.Exists(path))
            {
                throw new InvalidRequestException($"args file '{Printable.Clip(path)}' is a directory, not a JSON file");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw new InvalidRequestException($"args file '{Printable.Clip(path)}' does not exist");
        }
        catch (DirectoryNotFoundException)
        {
            throw new InvalidRequestException($"args file '{Printable.Clip(path)}' does not exist");
        }
        catch (UnauthorizedAccessException)
        {
            throw new InvalidRequestException($"args file '{Printable.Clip(path)}' cannot be read (permission denied)");
        }
        catch (IOException ex)
        {
            throw new InvalidRequestException($"args file '{Printable.Clip(path)}' cannot be read: {ex.Message}");
        }

        if (bytes.Length == 0)
        {
            throw new InvalidRequestException($"args file '{Printable.Clip(path)}' is empty; expected one JSON object of parameters");
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidRequestException($"args file '{Printable.Clip(path)}' is not UTF-8 text");
        }
    }
}
