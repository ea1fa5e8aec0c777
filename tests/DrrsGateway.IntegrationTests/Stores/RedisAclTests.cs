using System.Net;
using DrrsGateway.Admin;
using DrrsGateway.IntegrationTests.Infrastructure;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Stores;

/// <summary>
/// The least-privilege ACL of deploy/README.md, tested as operators deploy it: a Redis whose default user is
/// off and whose only user has exactly the documented line. Everything works with it, and a right taken
/// away is named at start-up.
/// </summary>
public sealed class RedisAclTests : BackendTests
{
    /// <summary>The line deploy/README.md documents, after <c>ACL SETUSER drrs-gateway on &gt;password</c>.</summary>
    internal const string DocumentedRules =
        "resetchannels ~drrs:aup:* %R~__Booksleeve_TieBreak &drrs:aup:* &__Booksleeve_MasterChanged -@all " +
        "+ping +echo +info +client|setname +client|id +cluster|nodes +get +set +setex +pttl +exists +scan +unlink +publish +subscribe";

    private const string Password = "acl-test-password-0123";
    private const string ApiKey = "acl-test-admin-key-0123456789";

    [Fact]
    public async Task Acl_DocumentedLine_EnforcesAdministersAndRefusesNothing()
    {
        using var redis = StartWithOnlyUser(DocumentedRules);
        await using var gateway = Gateway(redis);
        using var client = gateway.CreateClientFrom();
        client.DefaultRequestHeaders.Add(AdminApiKey.HeaderName, ApiKey);
        var user = NewUser();

        using var allowed = await client.CallAsync(user);
        using var refused = await client.CallAsync(user);
        using var shielded = await client.CallAsync(user);
        using var other = await client.CallAsync(user, RegistrationsPath);
        using var listed = await client.GetAsync($"/admin/locks/{user}");
        using var cleared = await client.DeleteAsync($"/admin/locks/{user}/retrieveDRRSLocations_v1");
        using var again = await client.CallAsync(user);
        using var clearedAll = await client.DeleteAsync($"/admin/locks/{user}");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, shielded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Contains("\"secondsRemaining\"", await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("\"cleared\":1", await cleared.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("\"cleared\":2", await clearedAll.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The checks ran (the memory policy is read through INFO) and found no refused command.
        await EventuallyAsync(() => Task.FromResult(gateway.Logs.WithEventId(EventIds.RedisMemoryPolicyKeepsLocks).Any()), "the server checks ran");
        Assert.Empty(gateway.Logs.WithEventId(EventIds.RedisCommandRefused));
        Assert.Empty(gateway.Logs.WithEventId(EventIds.LockInvalidationSubscribeFailed));
        Assert.Empty(gateway.Logs.WithEventId(EventIds.RedisServerNotConnected));
    }

    [Theory]
    [InlineData("pttl")]
    [InlineData("scan")]
    [InlineData("publish")]
    [InlineData("setex")]
    public async Task Acl_WithoutACommand_NamesItOnce(string command)
    {
        using var redis = StartWithOnlyUser(DocumentedRules.Replace($" +{command}", "", StringComparison.Ordinal));
        await using var gateway = Gateway(redis);
        using var client = gateway.CreateClientFrom();

        await EventuallyAsync(() => Task.FromResult(gateway.Logs.WithEventId(EventIds.RedisCommandRefused).Any()), "the refused command is logged");
        await Task.Delay(500);

        var refusal = Assert.Single(gateway.Logs.WithEventId(EventIds.RedisCommandRefused));
        Assert.Equal(command, LogCollector.Scalar(refusal, "RedisCommand"));
    }

    [Fact]
    public async Task Acl_WithoutEcho_StartReportNamesTheCommand()
    {
        using var redis = StartWithOnlyUser(DocumentedRules.Replace(" +echo", "", StringComparison.Ordinal));
        await using var gateway = Gateway(redis);
        using var client = gateway.CreateClientFrom();

        await EventuallyAsync(() => Task.FromResult(gateway.Logs.WithEventId(EventIds.RedisServerNotConnected).Any()), "the failed start is reported", TimeSpan.FromSeconds(30));

        Assert.Contains("'echo'", (string)LogCollector.Scalar(gateway.Logs.WithEventId(EventIds.RedisServerNotConnected).Single(), "Reason")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acl_WrongPassword_StartReportSaysSo()
    {
        using var redis = StartWithOnlyUser(DocumentedRules);
        await using var gateway = new GatewayFactory(Backend.Address, $"{redis.ConnectionString},user=drrs-gateway,password=not-{Password}");
        using var client = gateway.CreateClientFrom();

        await EventuallyAsync(() => Task.FromResult(gateway.Logs.WithEventId(EventIds.RedisServerNotConnected).Any()), "the failed start is reported", TimeSpan.FromSeconds(30));

        Assert.Contains("refused the user name or password", (string)LogCollector.Scalar(gateway.Logs.WithEventId(EventIds.RedisServerNotConnected).Single(), "Reason")!, StringComparison.Ordinal);
    }

    [Fact]
    public void DeployReadme_DocumentsExactlyTheTestedLine()
    {
        var readme = File.ReadAllText(RepositoryRoot.PathOf("deploy/README.md"));

        Assert.Contains(DocumentedRules, readme, StringComparison.Ordinal);
    }

    private GatewayFactory Gateway(RedisServer redis) => new(
        Backend.Address,
        $"{redis.ConnectionString},user=drrs-gateway,password={Password}",
        new Dictionary<string, string?>
        {
            // Under the documented key pattern, unique per test.
            ["Aup:KeyPrefix"] = $"drrs:aup:t{Guid.NewGuid():N}:",
            ["Admin:ApiKey"] = ApiKey,
        });

    private static RedisServer StartWithOnlyUser(string rules)
    {
        var file = Path.Combine(Path.GetTempPath(), $"drrs-acl-{Guid.NewGuid():N}.acl");
        File.WriteAllLines(file, ["user default off", $"user drrs-gateway on >{Password} {rules}"]);
        return RedisServer.Start(null, "--aclfile", file);
    }
}
