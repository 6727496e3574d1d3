namespace Leapfrog.Inventory.Config;

/// <summary>How a release's tools are reached on the migration host (the <c>hop</c> module's <c>toolbox.type</c>).</summary>
internal enum ToolboxType
{
    /// <summary>A Python virtualenv: <c>path/bin/tool</c>.</summary>
    Venv,

    /// <summary>A container image run by podman or docker.</summary>
    Container,

    /// <summary>A root file system entered with chroot.</summary>
    Chroot,

    /// <summary>An argv list put in front of the tool.</summary>
    Prefix,

    /// <summary>The tool on PATH.</summary>
    System,
}
