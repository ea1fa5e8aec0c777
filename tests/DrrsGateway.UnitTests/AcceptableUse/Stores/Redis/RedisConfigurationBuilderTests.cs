using DrrsGateway.AcceptableUse.Stores.Redis;
using DrrsGateway.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace DrrsGateway.UnitTests.AcceptableUse.Stores.Redis;

public sealed class RedisConfigurationBuilderTests
{
    [Fact]
    public void Apply_NoTlsSettings_LeavesPlainConnection()
    {
        var options = ConfigurationOptions.Parse("127.0.0.1:6379");

        RedisConfigurationBuilder.Apply(options, new RedisTlsOptions(), Diagnostics());

        Assert.False(options.Ssl);
    }

    [Fact]
    public void Apply_SslInConnectionString_KeepsTlsOn()
    {
        var options = ConfigurationOptions.Parse("127.0.0.1:6380,ssl=true");
        var diagnostics = Diagnostics();

        RedisConfigurationBuilder.Apply(options, new RedisTlsOptions(), diagnostics);

        Assert.True(options.Ssl);
        Assert.True(diagnostics.TlsEnabled);
    }

    [Fact]
    public void Apply_CaSet_TurnsTlsOn()
    {
        var directory = Directory.CreateTempSubdirectory("drrs-redis-builder-").FullName;
        try
        {
            using var ca = TestCertificateAuthority.Create();
            var options = ConfigurationOptions.Parse("127.0.0.1:6380,password=x");
            var diagnostics = Diagnostics();

            RedisConfigurationBuilder.Apply(options, new RedisTlsOptions { CaCertificatePath = ca.WritePemFile(directory) }, diagnostics);

            Assert.True(options.Ssl);
            Assert.True(diagnostics.PasswordConfigured);
            Assert.False(diagnostics.ClientCertificateConfigured);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static RedisConnectionDiagnostics Diagnostics() =>
        new(TimeProvider.System, NullLogger<RedisConnectionDiagnostics>.Instance);
}
