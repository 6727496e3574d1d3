using Leapfrog.Core;

namespace Leapfrog.Remote;

/// <summary>Creates the shell for the options: <see cref="LocalShell"/> for transport local, else <see cref="SshShell"/>.</summary>
public static class ShellFactory
{
    /// <summary>Validates the options and creates the shell (nothing connects yet).</summary>
    /// <exception cref="InvalidRequestException">The options are incomplete or malformed.</exception>
    public static IShell Create(ShellOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (options.Local)
        {
            return new LocalShell(options.Become, time);
        }

        Validate(options);
        return new SshShell(options, time);
    }

    /// <summary>Checks SSH options; throws a one-line <see cref="InvalidRequestException"/> on the first problem.</summary>
    /// <exception cref="InvalidRequestException">The options are incomplete or malformed.</exception>
    public static void Validate(ShellOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            throw new InvalidRequestException("host is required for the ssh transport");
        }

        ShellQuote.EnsurePlain(options.Host, "host");
        if (options.Host.Any(char.IsWhiteSpace))
        {
            throw new InvalidRequestException("host must not contain spaces");
        }

        ShellQuote.EnsurePlain(options.User, "user");
        if (options.User.Length == 0)
        {
            throw new InvalidRequestException("user must not be empty");
        }

        if (options.Port is < 1 or > 65535)
        {
            throw new InvalidRequestException($"port must be 1..65535, got {options.Port}");
        }

        if (options.PrivateKeyFile is null && options.PrivateKey is null && options.Password is null)
        {
            throw new InvalidRequestException("no SSH credentials: give private_key_file, private_key or password");
        }

        if (options.PrivateKeyFile is not null)
        {
            ShellQuote.EnsurePlain(options.PrivateKeyFile, "private_key_file");
        }

        ShellQuote.EnsurePlain(options.KnownHostsFile, "known_hosts_file");
        if (options.ConnectAttempts < 1)
        {
            throw new InvalidRequestException("connect attempts must be at least 1");
        }

        if (options.ConnectTimeout <= TimeSpan.Zero)
        {
            throw new InvalidRequestException("connect_timeout must be positive");
        }

        if (options.ConnectRetryDelay < TimeSpan.Zero)
        {
            throw new InvalidRequestException("connect retry delay must not be negative");
        }
    }
}
