using System.Runtime.CompilerServices;

namespace Leapfrog.Testing;

/// <summary>Where the repository and its built artefacts are, for tests that run the real executables.</summary>
public static class Repo
{
    /// <summary>The repository root (the collection root).</summary>
    public static string Root { get; } = Environment.GetEnvironmentVariable("LEAPFROG_REPO") ?? FindRoot();

    /// <summary>A published module binary under plugins/modules; fails clearly when scripts/build has not run.</summary>
    public static string Module(string name) => Built(Path.Combine(Root, "plugins", "modules", name));

    /// <summary>The published inventory executable.</summary>
    public static string Inventory => Built(Path.Combine(Root, "ansible", "inventory", "leapfrog"));

    /// <summary>A path below the root.</summary>
    public static string At(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Built(string path) =>
        File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: run scripts/build first");

    private static string FindRoot([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", ".."));
}
