using Microsoft.Win32.SafeHandles;
using Leapfrog.Module;
using Leapfrog.Report;

// Two ways in: Ansible runs a binary module with one argument, its args file; the command takes --options.
if (args.Length == 0 || args[0].StartsWith('-'))
{
#pragma warning disable CA1031 // a command prints one clear line, never a stack trace
    try
    {
        return ReportCommand.Run(args, Console.Out, Console.Error);
    }
    catch (Exception ex)
    {
        await Console.Error.WriteLineAsync($"report: internal error ({ex.GetType().Name}): {ex.Message}").ConfigureAwait(false);
        return 1;
    }
#pragma warning restore CA1031
}

// File descriptor 1 as a plain file, not the Console: on a terminal .NET's console first writes terminal set-up codes,
// which would corrupt the one JSON object.
await using var stdout = new StreamWriter(new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, 1));
return await ModuleHost.RunAsync(args, ReportModule.Parameters, ReportModule.RunAsync, stdout).ConfigureAwait(false);
