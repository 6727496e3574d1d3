using Leapfrog.Core;

namespace Leapfrog.Inventory.Config;

/// <summary>Reads the <c>osa:</c> section.</summary>
internal static class OsaReader
{
    /// <summary>Reads the options; a relative inventory path is taken from <paramref name="baseDir"/>.</summary>
    public static OsaOptions Options(YamlField field, string baseDir)
    {
        var file = OsaOptions.DefaultFile;
        var connect = OsaConnect.Container;
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in field.Mapping("inventory", "connect", "groups"))
        {
            switch (key)
            {
                case "inventory":
                    file = Path.GetFullPath(value.Text(), baseDir);
                    break;
                case "connect":
                    connect = value.Text() switch
                    {
                        "container" => OsaConnect.Container,
                        "physical_host" => OsaConnect.PhysicalHost,
                        var other => throw value.Error($"'{Printable.Clip(other)}' is not known; use container or physical_host"),
                    };
                    break;
                default:
                    foreach (var (service, group) in value.Mapping())
                    {
                        groups[ConfigNames.Service(service, group)] = group.Text();
                    }

                    break;
            }
        }

        return new OsaOptions(file, connect, groups);
    }
}
