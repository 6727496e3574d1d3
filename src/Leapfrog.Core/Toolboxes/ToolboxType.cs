namespace Leapfrog.Core.Toolboxes;

/// <summary>How a release's tools are reached on the controller (<c>toolbox.type</c>).</summary>
public enum ToolboxType
{
    /// <summary>A Python virtualenv: <c>path/bin/tool</c>.</summary>
    Venv,

    /// <summary>A container image run by podman or docker, the config file's directory mounted in.</summary>
    Container,

    /// <summary>A root file system entered with chroot: the tool reads its config under that root.</summary>
    Chroot,

    /// <summary>An argv put in front of the tool.</summary>
    Prefix,

    /// <summary>The tool on PATH.</summary>
    System,
}
