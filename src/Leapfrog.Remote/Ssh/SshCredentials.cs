using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Leapfrog.Remote.Ssh;

/// <summary>Builds SSH.NET authentication methods from the options; errors never carry a secret.</summary>
internal static class SshCredentials
{
    /// <summary>What was offered, for messages: e.g. "private key file /k, password".</summary>
    public static string Describe(ShellOptions o)
    {
        var parts = new List<string>();
        if (o.PrivateKeyFile is not null)
        {
            parts.Add($"private key file {o.PrivateKeyFile}");
        }

        if (o.PrivateKey is not null)
        {
            parts.Add("inline private key");
        }

        if (o.Password is not null)
        {
            parts.Add("password");
        }

        return string.Join(", ", parts);
    }

    /// <summary>Authentication methods: private key(s) first, then password.</summary>
    /// <exception cref="ShellAuthenticationException">A key cannot be read or decrypted.</exception>
    public static AuthenticationMethod[] Build(ShellOptions o)
    {
        var methods = new List<AuthenticationMethod>();
        var keys = new List<IPrivateKeySource>();
        if (o.PrivateKeyFile is not null)
        {
            keys.Add(LoadKey($"private key file {o.PrivateKeyFile}", () => File.OpenRead(o.PrivateKeyFile), o.PrivateKeyPassphrase));
        }

        if (o.PrivateKey is not null)
        {
            var text = o.PrivateKey.ReplaceLineEndings("\n").Trim() + "\n";
            keys.Add(LoadKey("inline private key", () => new MemoryStream(Encoding.UTF8.GetBytes(text)), o.PrivateKeyPassphrase));
        }

        if (keys.Count > 0)
        {
            methods.Add(new PrivateKeyAuthenticationMethod(o.User, [.. keys]));
        }

        if (o.Password is not null)
        {
            methods.Add(new PasswordAuthenticationMethod(o.User, o.Password));
        }

        return [.. methods];
    }

    private static PrivateKeyFile LoadKey(string what, Func<Stream> open, string? passphrase)
    {
        try
        {
            using var stream = open();
            return string.IsNullOrEmpty(passphrase) ? new PrivateKeyFile(stream) : new PrivateKeyFile(stream, passphrase);
        }
        catch (SshPassPhraseNullOrEmptyException e)
        {
            throw new ShellAuthenticationException($"{what} is encrypted and no passphrase was given", e);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ShellAuthenticationException($"{what} does not exist", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ShellAuthenticationException($"{what} cannot be read: permission denied", e);
        }
        catch (Exception e) when (e is SshException or System.Security.Cryptography.CryptographicException or FormatException
                                       or ArgumentException or InvalidOperationException or NotSupportedException or IOException)
        {
            throw new ShellAuthenticationException($"{what} cannot be used: not a supported private key, or the passphrase is wrong", e);
        }
    }
}
