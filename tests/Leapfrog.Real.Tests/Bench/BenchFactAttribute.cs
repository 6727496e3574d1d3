namespace Leapfrog.Real.Tests.Bench;

/// <summary>
/// A measurement run by scripts/bench --real, not a test of the tier: skipped unless LEAPFROG_BENCH_OUT names the
/// file it writes its figures to (scripts/bench reads them and judges them against the targets).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BenchFactAttribute : FactAttribute
{
    /// <summary>The variable scripts/bench sets to the figures file.</summary>
    public const string OutVariable = "LEAPFROG_BENCH_OUT";

    public BenchFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(OutVariable)))
        {
            Skip = $"a measurement for scripts/bench --real (it sets {OutVariable})";
        }
    }
}
