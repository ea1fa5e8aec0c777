using DrrsGateway.Proxy.BackendTls;
using DrrsGateway.TestSupport;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DrrsGateway.UnitTests.Proxy.BackendTls;

public sealed class ClientCertificateHolderTests : IDisposable
{
    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create();
    private readonly string _directory = Directory.CreateTempSubdirectory("drrs-holder-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly FakeLogger _logger = new();

    public void Dispose()
    {
        _ca.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Check_FilesReplaced_LoadsTheNewCertificateOnceSettled()
    {
        var (certificate, key) = TestCertificateAuthority.WritePemFiles(_ca.IssueClient("CN=alice"), _directory);
        using var holder = Holder(certificate, key);
        Replace(certificate, key, "CN=bob");

        _time.Advance(ClientCertificateHolder.CheckInterval);
        Assert.Equal("CN=alice", holder.Current.Subject);
        _time.Advance(ClientCertificateHolder.CheckInterval);

        Assert.Equal("CN=bob", holder.Current.Subject);
        Assert.Equal(1, holder.Version);
        Assert.Equal(EventIds.BackendClientCertificateRenewed, _logger.LatestRecord.Id.Id);
    }

    [Fact]
    public void Check_ReplacedByABadCertificate_KeepsThePreviousAndLogsOnce()
    {
        var (certificate, key) = TestCertificateAuthority.WritePemFiles(_ca.IssueClient("CN=alice"), _directory);
        using var holder = Holder(certificate, key);
        File.WriteAllText(key, "not a key");

        for (var i = 0; i < 5; i++)
        {
            _time.Advance(ClientCertificateHolder.CheckInterval);
        }

        Assert.Equal("CN=alice", holder.Current.Subject);
        Assert.Equal(0, holder.Version);
        var error = Assert.Single(_logger.Collector.GetSnapshot(), r => r.Id.Id == EventIds.BackendClientCertificateRenewalFailed);
        Assert.Contains($"ClientCertificateKey '{key}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreate_ExpiredCertificate_IsNullWithTheProblem()
    {
        var (certificate, key) = TestCertificateAuthority.WritePemFiles(_ca.IssueClient("CN=alice", notAfter: _time.GetUtcNow().AddMinutes(-1)), _directory);

        var holder = ClientCertificateHolder.TryCreate("drrs", new(certificate, key, null, null), _time, _logger, out var problem);

        Assert.Null(holder);
        Assert.Contains("has expired", problem, StringComparison.Ordinal);
    }

    private ClientCertificateHolder Holder(string certificate, string key) =>
        ClientCertificateHolder.TryCreate("drrs", new(certificate, key, null, null), _time, _logger, out var problem)
            ?? throw new InvalidOperationException(problem);

    private void Replace(string certificate, string key, string subject)
    {
        var (newCertificate, newKey) = TestCertificateAuthority.WritePemFiles(_ca.IssueClient(subject), _directory);
        File.Copy(newCertificate, certificate, overwrite: true);
        File.Copy(newKey, key, overwrite: true);
    }
}
