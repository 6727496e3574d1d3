namespace Leapfrog.Testing;

/// <summary>How <see cref="SshServer"/> sets its sshd up. The defaults are the tests' server.</summary>
public sealed record SshServerOptions
{
    /// <summary>Variables sshd sets in every session (<c>SetEnv</c>), e.g. a PATH with stand-in tools.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The directory for keys, config, pid file and logs; null: a new temporary one, deleted by Dispose.</summary>
    public string? Dir { get; init; }

    /// <summary>Record every command a session asks for (a ForceCommand wrapper; read with <see cref="SshServer.Commands"/>).</summary>
    public bool RecordCommands { get; init; } = true;

    /// <summary>Password logins allowed (test users of <see cref="SshTestUser"/>); off: keys only, root by key only.</summary>
    public bool PasswordLogin { get; init; } = true;

    /// <summary>
    /// sshd outlives this process (scripts/sandbox's servers): it runs in its own session and is stopped with
    /// <see cref="SshServer.StopIn"/>, not at process exit.
    /// </summary>
    public bool Detached { get; init; }
}
