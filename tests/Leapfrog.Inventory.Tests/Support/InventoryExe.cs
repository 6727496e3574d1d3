namespace Leapfrog.Inventory.Tests.Support;

/// <summary>
/// The published Native AOT executable: <c>LEAPFROG_INVENTORY_EXE</c> when scripts/test sets it, else published
/// once per test run from src/Leapfrog.Inventory into a temporary directory (the publish log is kept to check
/// it has no warning).
/// </summary>
internal static class InventoryExe
{
    private static readonly Lazy<(string Path, string? PublishLog)> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Path of the executable.</summary>
    public static string Path => Built.Value.Path;

    /// <summary>The publish output, or null when the executable was given by LEAPFROG_INVENTORY_EXE.</summary>
    public static string? PublishLog => Built.Value.PublishLog;

    private static (string, string?) Build()
    {
        if (Environment.GetEnvironmentVariable("LEAPFROG_INVENTORY_EXE") is { Length: > 0 } given)
        {
            return File.Exists(given) ? (given, null) : throw new InvalidOperationException($"LEAPFROG_INVENTORY_EXE={given}: no such file");
        }

        var output = Directory.CreateTempSubdirectory("leapfrog-inventory-publish-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(output, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        var project = System.IO.Path.Combine(Paths.Repo, "src", "Leapfrog.Inventory");
        var result = Run.Process("dotnet", ["publish", project, "-c", "Release", "-r", "linux-x64", "-o", output, "-nologo", "-clp:NoSummary"], cwd: Paths.Repo);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed:\n{result.Stdout}\n{result.Stderr}");
        }

        return (System.IO.Path.Combine(output, "leapfrog-inventory"), result.Stdout + result.Stderr);
    }
}
