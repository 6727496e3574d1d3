using Leapfrog.Testing;

namespace Leapfrog.Engine.Tests;

/// <summary>
/// A second real sshd whose sessions find a directory of stand-in commands first on their PATH, so a
/// container engine or the tools "on PATH" can be played by small scripts (no images can be pulled here).
/// </summary>
public sealed class StandInServer : IDisposable
{
    public StandInServer()
    {
        Bin = Directory.CreateTempSubdirectory("leapfrog-standin-").FullName;
        File.SetUnixFileMode(Bin, (UnixFileMode)0b111_101_101);
        // SESSION_PATH: root's rc files here put pyenv's shims (a python3) in front of PATH; the stand-ins must come first.
        Ssh = new SshServer(new Dictionary<string, string> { ["SESSION_PATH"] = $"{Bin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" });
    }

    /// <summary>The directory at the front of every session's PATH.</summary>
    public string Bin { get; }

    public SshServer Ssh { get; }

    /// <summary>Writes an executable script <paramref name="name"/> into <see cref="Bin"/>.</summary>
    public string Script(string name, string body)
    {
        var path = Path.Combine(Bin, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    public void Dispose()
    {
        Ssh.Dispose();
        Directory.Delete(Bin, recursive: true);
    }
}
