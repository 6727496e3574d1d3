using System.Globalization;
using System.Text.RegularExpressions;

namespace Leapfrog.Core.Releases;

/// <summary>
/// A version as OpenStack-Ansible's venv names carry it (the openstack-ansible package version): <c>26.10.0</c>,
/// a pre-release <c>26.0.0.0rc1</c>, or a build between tags <c>31.0.1.dev12</c>. Compared as versions, not as text:
/// 26.10.0 is newer than 26.9.1, and 26.0.0 newer than 26.0.0.0rc1 (PEP 440 order: dev, then a, b, rc, then the release).
/// </summary>
public sealed partial class PointRelease
{
    private readonly IReadOnlyList<int> _numbers;
    private readonly int _stage; // 0 dev only, 1 a, 2 b, 3 rc, 4 release
    private readonly int _stageNumber;
    private readonly int _dev; // int.MaxValue when not a dev build

    private PointRelease(string text, IReadOnlyList<int> numbers, int stage, int stageNumber, int dev)
    {
        Text = text;
        _numbers = numbers;
        _stage = stage;
        _stageNumber = stageNumber;
        _dev = dev;
    }

    /// <summary>Oldest first, as versions (null before all).</summary>
    public static IComparer<PointRelease?> Order { get; } = Comparer<PointRelease?>.Create(Compare);

    /// <summary>The version as written.</summary>
    public string Text { get; }

    /// <summary>Reads <paramref name="text"/>, or returns null when it is no version.</summary>
    public static PointRelease? TryParse(string text)
    {
        var m = Shape().Match(text);
        if (!m.Success)
        {
            return null;
        }

        var numbers = m.Groups["n"].Value.Split('.').Select(Number).ToList();
        while (numbers.Count > 1 && numbers[^1] == 0)
        {
            numbers.RemoveAt(numbers.Count - 1); // 26.0.0.0 is 26.0.0
        }

        var dev = m.Groups["dev"].Success ? Number(m.Groups["dev"].Value) : int.MaxValue;
        var stage = m.Groups["pre"].Value switch
        {
            "a" => 1,
            "b" => 2,
            "rc" => 3,
            _ => dev == int.MaxValue ? 4 : 0,
        };
        var stageNumber = m.Groups["pn"].Success ? Number(m.Groups["pn"].Value) : 0;
        return new PointRelease(text, numbers, stage, stageNumber, dev);
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static int Compare(PointRelease? one, PointRelease? other)
    {
        if (one is null || other is null)
        {
            return one is null ? (other is null ? 0 : -1) : 1;
        }

        for (var i = 0; i < Math.Max(one._numbers.Count, other._numbers.Count); i++)
        {
            var c = one.At(i).CompareTo(other.At(i));
            if (c != 0)
            {
                return c;
            }
        }

        var s = (one._stage, one._stageNumber, one._dev).CompareTo((other._stage, other._stageNumber, other._dev));
        return s != 0 ? s : string.CompareOrdinal(one.Text, other.Text);
    }

    private int At(int i) => i < _numbers.Count ? _numbers[i] : 0;

    private static int Number(string digits) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;

    [GeneratedRegex(@"^(?<n>[0-9]{1,9}(\.[0-9]{1,9})*)(\.?(?<pre>a|b|rc)(?<pn>[0-9]{1,9}))?(\.dev(?<dev>[0-9]{1,9}))?$")]
    private static partial Regex Shape();
}
