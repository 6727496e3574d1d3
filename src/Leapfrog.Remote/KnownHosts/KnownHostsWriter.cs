namespace Leapfrog.Remote.KnownHosts;

/// <summary>Appends accepted host keys to a known_hosts file (accept_new).</summary>
internal static class KnownHostsWriter
{
    /// <summary>Appends <c>name type base64</c> (name as <see cref="KnownHostsFile.LookupName"/>), creating the file and its directory.</summary>
    public static void Append(string path, string host, int port, byte[] blob)
    {
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir) && !Directory.Exists(dir))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(dir);
            }
            else
            {
                Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var type = SshFingerprint.TypeOf(blob) ?? throw new ArgumentException("unreadable host key", nameof(blob));
        var line = $"{KnownHostsFile.LookupName(host, port)} {type} {Convert.ToBase64String(blob)}\n";
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        if (stream.Position > 0 && !EndsWithNewline(path))
        {
            line = "\n" + line;
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(line);
        stream.Write(bytes);
    }

    private static bool EndsWithNewline(string path)
    {
        using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (read.Length == 0)
        {
            return true;
        }

        read.Seek(-1, SeekOrigin.End);
        return read.ReadByte() == '\n';
    }
}
