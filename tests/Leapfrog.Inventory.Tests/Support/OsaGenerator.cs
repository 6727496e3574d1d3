namespace Leapfrog.Inventory.Tests.Support;

/// <summary>Writes a generated OSA inventory with tests/fixtures/inventory/generate_osa.py.</summary>
internal static class OsaGenerator
{
    public static string Write(string dir, string vintage, int infra, int computes, params string[] extra)
    {
        var path = Path.Combine(dir, $"osa-{vintage}-{infra}-{computes}.json");
        var script = Path.Combine(Paths.Fixtures, "generate_osa.py");
        var result = Run.Process("python3", [script, "--vintage", vintage, "--infra", $"{infra}", "--computes", $"{computes}", .. extra]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        File.WriteAllText(path, result.Stdout);
        return path;
    }
}
