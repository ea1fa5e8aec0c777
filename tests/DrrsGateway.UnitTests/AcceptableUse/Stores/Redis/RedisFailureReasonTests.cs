using DrrsGateway.AcceptableUse.Stores.Redis;
using StackExchange.Redis;

namespace DrrsGateway.UnitTests.AcceptableUse.Stores.Redis;

public sealed class RedisFailureReasonTests
{
    [Theory]
    [InlineData("NOPERM this user has no permissions to run the 'echo' command", "echo")]
    [InlineData("NOPERM User gw has no permissions to run the 'client|id' command", "client|id")]
    [InlineData("NOPERM this user has no permissions to access one of the keys used as arguments", null)]
    public void RefusedCommand_NopermAnswer_IsTheCommand(string answer, string? command)
    {
        Assert.Equal(command, RedisFailureReason.RefusedCommand(answer));
    }

    [Fact]
    public void Describe_FailedAuthWithPassword_SaysThePasswordWasRefused()
    {
        var failure = Wrapped("AuthenticationFailure (None, last-recv: 306) on 127.0.0.1:6379/Interactive", "Error: NOAUTH Authentication required. Attempted command: ECHO");

        var reason = RedisFailureReason.Describe(failure, tls: false, clientCertificate: false, password: true);

        Assert.Contains("refused the user name or password", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_NoAuthWithoutPassword_AsksForOne()
    {
        var reason = RedisFailureReason.Describe(Wrapped("ProtocolFailure", "NOAUTH Authentication required."), tls: false, clientCertificate: false, password: false);

        Assert.Contains("requires authentication", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_HandshakeCommandRefused_NamesIt()
    {
        var reason = RedisFailureReason.Describe(Wrapped("ProtocolFailure", "NOPERM this user has no permissions to run the 'echo' command"), tls: false, clientCertificate: false, password: true);

        Assert.Contains("'echo'", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_CertificateRequiredAlertWithoutClientCertificate_AsksForOne()
    {
        var reason = RedisFailureReason.Describe(Wrapped("SocketFailure", "error:0A00045C:SSL routines::tlsv13 alert certificate required"), tls: true, clientCertificate: false, password: false);

        Assert.Contains("Redis:Tls:ClientCertificatePath", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_TornTlsConnectionWithoutClientCertificate_AsksForOne()
    {
        var failure = new RedisConnectionException(ConnectionFailureType.SocketFailure, CommandFlags.None, "SocketFailure on 127.0.0.1:6380/Interactive", new IOException("Operation failed with error - 5."));

        var reason = RedisFailureReason.Describe(failure, tls: true, clientCertificate: false, password: false);

        Assert.Contains("Redis:Tls:ClientCertificatePath", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_ServerClosedPlainConnection_SuggestsTls()
    {
        var reason = RedisFailureReason.Describe(Wrapped("SocketClosed (ReadEndOfStream, last-recv: 0) on 127.0.0.1:6380/Interactive, mc: 1/1/0", "x"), tls: false, clientCertificate: false, password: false);

        Assert.Contains("ssl=true", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_LongClientText_IsCutBeforeTheCounters()
    {
        var reason = RedisFailureReason.Describe(new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "UnableToConnect on 127.0.0.1:1/Interactive, mc: 1/1/0, IOCP: (Busy=0)"), tls: false, clientCertificate: false, password: false);

        Assert.Equal("UnableToConnect on 127.0.0.1:1/Interactive", reason);
    }

    private static RedisConnectionException Wrapped(string connection, string server) =>
        new(ConnectionFailureType.UnableToConnect, CommandFlags.None, "No connection is active/available to service this operation: PING", new RedisConnectionException(ConnectionFailureType.ProtocolFailure, CommandFlags.None, connection, new InvalidOperationException(server)));
}
