using Microsoft.Win32.SafeHandles;
using Leapfrog.Module;
using Leapfrog.Module.Hop;

// File descriptor 1 as a plain file, not the Console: on a terminal (Ansible gives modules a pty over SSH
// by default) .NET's console first writes terminal set-up codes, which would corrupt the one JSON object.
await using var stdout = new StreamWriter(new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, 1));
return await ModuleHost.RunAsync(args, [.. HopArgs.Parameters, .. HopStanding.Parameters, .. HopPreflight.Parameters, .. HopServices.Parameters], HopModule.RunAsync, stdout).ConfigureAwait(false);
