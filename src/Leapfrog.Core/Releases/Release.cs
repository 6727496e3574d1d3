namespace Leapfrog.Core.Releases;

/// <summary>One OpenStack release (series).</summary>
/// <param name="Order">Position in the release sequence, 0 for the oldest known.</param>
/// <param name="Name">Lower-case code name, e.g. <c>zed</c> or <c>antelope</c>.</param>
/// <param name="Number">Year-based number from 2023.1 on (e.g. <c>2023.1</c>); null before.</param>
/// <param name="Slurp">True for a Skip Level Upgrade Release Process release.</param>
public sealed record Release(int Order, string Name, string? Number, bool Slurp)
{
    /// <summary>
    /// OpenStack-Ansible's major version for this release (e.g. 26 for zed, 31 for 2025.1), which OSA's venv names carry
    /// (<c>/openstack/venvs/cinder-26.1.0</c>); null where OSA made no release.
    /// </summary>
    public int? OsaSeries { get; init; }

    /// <summary>The canonical spelling: <c>zed</c>, or <c>2023.1-antelope</c> where a number exists.</summary>
    public string Id => Number is null ? Name : $"{Number}-{Name}";

    /// <inheritdoc />
    public override string ToString() => Id;
}
