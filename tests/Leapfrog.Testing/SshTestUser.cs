namespace Leapfrog.Testing;

/// <summary>A throwaway local user with a password (useradd + chpasswd), removed on dispose. Needs root.</summary>
public sealed class SshTestUser : IDisposable
{
    /// <summary>Creates the user with a random name and password and /bin/sh as shell.</summary>
    public SshTestUser()
    {
        Name = "lfpw" + Guid.NewGuid().ToString("N")[..8];
        Password = "pw-" + Guid.NewGuid().ToString("N");
        SshProcess.Run("/usr/sbin/useradd", ["-m", "-s", "/bin/sh", Name]);
        SshProcess.Run("/usr/sbin/chpasswd", [], $"{Name}:{Password}\n");
    }

    /// <summary>User name.</summary>
    public string Name { get; }

    /// <summary>The user's password.</summary>
    public string Password { get; }

    /// <summary>Removes the user and its home.</summary>
    public void Dispose()
    {
        try
        {
            SshProcess.Run("/usr/sbin/userdel", ["-r", "-f", Name]);
        }
        catch (InvalidOperationException)
        {
        }
    }
}
