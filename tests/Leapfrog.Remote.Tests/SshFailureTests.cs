using System.Net.Sockets;
using Leapfrog.Remote.Ssh;
using Renci.SshNet.Common;

namespace Leapfrog.Remote.Tests;

public sealed class SshFailureTests
{
    public static TheoryData<Exception> Losses() =>
    [
        new SocketException((int)SocketError.ConnectionReset),
        new SshConnectionException("aborted"),
        new IOException("broken pipe"),
        new ObjectDisposedException("channel"),
        new SshException("channel closed"),
    ];

    [Theory]
    [MemberData(nameof(Losses))]
    public void A_dead_connection_is_a_connection_loss_and_its_clean_up_stays_quiet(Exception e)
    {
        Assert.True(SshFailure.IsConnectionLoss(e));
        var ran = false;
        SshFailure.Quietly(() =>
        {
            ran = true;
            throw e;
        });
        Assert.True(ran);
    }

    [Fact]
    public void A_refused_login_is_not_a_connection_loss()
    {
        Assert.False(SshFailure.IsConnectionLoss(new SshAuthenticationException("denied")));
    }

    [Fact]
    public void Clean_up_still_raises_what_is_not_about_the_connection()
    {
        Assert.Throws<ArgumentException>(() => SshFailure.Quietly(() => throw new ArgumentException("bug")));
        Assert.Throws<SshAuthenticationException>(() => SshFailure.Quietly(() => throw new SshAuthenticationException("denied")));
    }
}
