using Leapfrog.Core.Releases;

namespace Leapfrog.Core.Catalog;

/// <content>The tools of one service in one release.</content>
public sealed partial class ServiceCatalog
{
    /// <summary>Name of the verify step that runs the release's own <c>*-status upgrade check</c>.</summary>
    public const string StatusCheckStep = "upgrade_check";

    /// <summary>The tools <paramref name="service"/> has in <paramref name="release"/> (none before it exists).</summary>
    public ReleaseTools ToolsFor(ServiceDefinition service, Release release)
    {
        var schema = StepsFor(service, release, StepKind.Schema);
        return new()
        {
            Manage = schema.Count > 0 ? schema[0].Argv[0] : null,
            StatusCheck = StepsFor(service, release, StepKind.Verify).FirstOrDefault(s => s.Name == StatusCheckStep),
            VersionArgv = Exists(service, release) ? service.VersionArgv : [],
        };
    }
}
