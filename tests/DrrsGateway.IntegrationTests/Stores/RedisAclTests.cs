using System.Net;
using DrrsGateway.AcceptableUse;
using DrrsGateway.AcceptableUse.Stores.Redis;
using DrrsGateway.Admin;
using DrrsGateway.IntegrationTests.Infrastructure;
using DrrsGateway.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Stores;

/// <summary>
/// The least-privilege ACL built from <see cref="RedisAclRules"/> (and shown in deploy/README.md), tested as
/// operators deploy it: a Redis whose default user is off and whose gateway user has exactly that line. Every
/// feature runs with it and leaves nothing in <c>ACL LOG</c> but the tolerated refusals, and a right taken away
/// is named at start-up. A second user, with every right, is there only for the test to read <c>ACL LOG</c>.
/// </summary>
public sealed class RedisAclTests : BackendTests
{
    private const string Password = "acl-test-password-0123";
    private const string AdminPassword = "acl-test-admin-password-0123";
    private const string ApiKey = "acl-test-admin-key-0123456789";

    /// <summary>The rules for the Redis the tests run (Debian's), after <c>ACL SETUSER drrs-gateway on &gt;password</c>.</summary>
    private static readonly string GeneratedRules = RedisAclRules.For(RedisAclRules.DefaultKeyPrefix, RedisServer.InstalledVersion());

    [Fact]
    public async Task Acl_GeneratedLine_EveryFeatureRunsAndAclLogHasOnlyToleratedEntries()
    {
        using var redis = StartWithGatewayUser(GeneratedRules);
        var prefix = $"{RedisAclRules.DefaultKeyPrefix}t{Guid.NewGuid():N}:";
        var enforceSettings = Settings(prefix);
        var holdSettings = Settings($"{RedisAclRules.DefaultKeyPrefix}h{Guid.NewGuid():N}:");
        holdSettings["Aup:Mode"] = "Hold";
        holdSettings["Aup:WindowSeconds"] = "1";
        holdSettings["Aup:Hold:MarginMilliseconds"] = "100";

        await using (var first = Gateway(redis, enforceSettings))
        await using (var second = Gateway(redis, enforceSettings))
        await using (var hold = Gateway(redis, holdSettings))
        {
            using var toFirst = AdminClient(first);
            using var toSecond = AdminClient(second);
            using var toHold = AdminClient(hold);

            await EnforceAndClearOnAnotherReplicaAsync(first, toFirst, toSecond);
            await HoldListAndClearAsync(toHold);

            foreach (var (gateway, client) in new[] { (first, toFirst), (second, toSecond), (hold, toHold) })
            {
                using var ready = await client.GetAsync("/readyz");
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

                // The checks ran (the memory policy is read through INFO, the probes follow) and found no refused command.
                await EventuallyAsync(() => Task.FromResult(gateway.Logs.WithEventId(EventIds.RedisMemoryPolicyKeepsLocks).Any()), "the server checks ran");
                Assert.Empty(gateway.Logs.WithEventId(EventIds.RedisCommandRefused));
                Assert.Empty(gateway.Logs.WithEventId(EventIds.LockInvalidationSubscribeFailed));
                Assert.Empty(gateway.Logs.WithEventId(EventIds.RedisServerNotConnected));
                Assert.Empty(gateway.Logs.WithEventId(EventIds.RedisHoldFailed));
                Assert.Empty(gateway.Logs.WithEventId(EventIds.RedisStoreFailed));
            }

            // The probes run in the background after the connection: let the last one finish.
            await Task.Delay(500);
        }

        // Read after the gateways stopped, so their shutdown is covered too.
        var refusals = await AclLogAsync(redis);
        var tolerated = RedisAclRules.NotGranted.Select(command => command.Name).ToHashSet(StringComparer.Ordinal);
        var unexpected = refusals.Where(entry => !(entry["reason"] == "command" && tolerated.Contains(entry["object"]))).ToList();
        Assert.True(unexpected.Count == 0, "ACL LOG has refusals the documented line should have prevented:\n" + string.Join("\n", unexpected.Select(Describe)));
    }

    [Fact]
    public void DeployReadme_ShowsTheGeneratedLineForRedis72AndForRedis70()
    {
        var readme = File.ReadAllText(RepositoryFiles.PathOf("deploy/README.md"));

        Assert.Contains(DocumentedLine(new Version(7, 2)), readme, StringComparison.Ordinal);
        Assert.Contains(DocumentedLine(new Version(7, 0)), readme, StringComparison.Ordinal);
    }

    // Enforce (allowed, refused, flood shield), the admin API's list and clear on one replica, and the
    // pub/sub notice that makes the other replica's flood shield forget the cleared lock.
    private static async Task EnforceAndClearOnAnotherReplicaAsync(GatewayFactory first, HttpClient toFirst, HttpClient toSecond)
    {
        var user = NewUser();
        using var allowed = await toFirst.CallAsync(user);
        using var refused = await toFirst.CallAsync(user);
        using var shielded = await toFirst.CallAsync(user);
        using var other = await toFirst.CallAsync(user, RegistrationsPath);
        var shield = first.Services.GetRequiredService<KnownLocks>();

        using var listed = await toSecond.GetAsync($"/admin/locks/{user}");
        using var cleared = await toSecond.DeleteAsync($"/admin/locks/{user}/retrieveDRRSLocations_v1");
        await EventuallyAsync(() => Task.FromResult(shield.Count == 0), "the first replica heard the clearing notice");
        using var again = await toFirst.CallAsync(user);
        using var clearedAll = await toSecond.DeleteAsync($"/admin/locks/{user}");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, shielded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Contains("\"secondsRemaining\"", await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("\"cleared\":1", await cleared.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("\"cleared\":2", await clearedAll.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // Every hold script: reserve, forwarded and remaining (a held call forwarded), release (a caller giving
    // up); then the admin API's hold slots, listed and cleared.
    private static async Task HoldListAndClearAsync(HttpClient toHold)
    {
        var user = NewUser();
        using var first = await toHold.CallAsync(user);
        using var held = await toHold.CallAsync(user);
        using (var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => toHold.SendAsync(Request(user), giveUp.Token));
        }

        using var listed = await toHold.GetAsync($"/admin/locks/{user}");
        using var cleared = await toHold.DeleteAsync($"/admin/locks/{user}/retrieveDRRSLocations_v1");
        using var atOnce = await toHold.CallAsync(user);
        using var clearedAll = await toHold.DeleteAsync($"/admin/locks/{user}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.True(held.Headers.Contains(AupMiddleware.HeldHeader), "the second call was not held: hold mode fell back to Aup:OnStoreFailure");
        Assert.Contains("\"millisecondsUntilNextSlot\"", await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("\"holdSlotsCleared\":1", await cleared.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, atOnce.StatusCode);
        Assert.False(atOnce.Headers.Contains(AupMiddleware.HeldHeader), "the call after clearing was held");
        Assert.Contains("\"holdSlotsCleared\":1", await clearedAll.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<List<Dictionary<string, string>>> AclLogAsync(RedisServer redis)
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},user=acl-admin,password={AdminPassword}");
        var log = (RedisResult[])(await admin.GetServer(admin.GetEndPoints()[0]).ExecuteAsync("ACL", "LOG"))!;
        return [.. log.Select(entry => entry.ToDictionary().ToDictionary(field => field.Key, field => field.Value.ToString(), StringComparer.Ordinal))];
    }

    private static string Describe(Dictionary<string, string> entry) =>
        $"{entry["reason"]} '{entry["object"]}' ({entry["context"]}) by {entry["username"]}, {entry["count"]} time(s)";

    private static string DocumentedLine(Version redis) =>
        "ACL SETUSER drrs-gateway on >PASSWORD " + RedisAclRules.For(RedisAclRules.DefaultKeyPrefix, redis);

    private static HttpRequestMessage Request(string user)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, LocationsPath);
        request.Headers.Add(GatewayFactory.UserHeader, user);
        return request;
    }

    private static HttpClient AdminClient(GatewayFactory gateway)
    {
        var client = gateway.CreateClientFrom();
        client.DefaultRequestHeaders.Add(AdminApiKey.HeaderName, ApiKey);
        return client;
    }

    private static Dictionary<string, string?> Settings(string keyPrefix) => new()
    {
        // Under the documented key pattern, unique per test.
        ["Aup:KeyPrefix"] = keyPrefix,
        ["Admin:ApiKey"] = ApiKey,
    };

    [Theory]
    [InlineData("pttl")]
    [InlineData("scan")]
    [InlineData("publish")]
    [InlineData("setex")]
    [InlineData("evalsha")]
    [InlineData("hset")]
    [InlineData("time")]
    public async Task Acl_WithoutACommand_NamesItOnce(string command)
    {
        using var redis = StartWithGatewayUser(GeneratedRules.Replace($" +{command}", "", StringComparison.Ordinal));
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
        using var redis = StartWithGatewayUser(GeneratedRules.Replace(" +echo", "", StringComparison.Ordinal));
        await using var gateway = Gateway(redis);
        using var client = gateway.CreateClientFrom();

        await EventuallyAsync(() => Task.FromResult(gateway.Logs.WithEventId(EventIds.RedisServerNotConnected).Any()), "the failed start is reported", TimeSpan.FromSeconds(30));

        Assert.Contains("'echo'", (string)LogCollector.Scalar(gateway.Logs.WithEventId(EventIds.RedisServerNotConnected).Single(), "Reason")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acl_WrongPassword_StartReportSaysSo()
    {
        using var redis = StartWithGatewayUser(GeneratedRules);
        await using var gateway = new GatewayFactory(Backend.Address, $"{redis.ConnectionString},user=drrs-gateway,password=not-{Password}");
        using var client = gateway.CreateClientFrom();

        await EventuallyAsync(() => Task.FromResult(gateway.Logs.WithEventId(EventIds.RedisServerNotConnected).Any()), "the failed start is reported", TimeSpan.FromSeconds(30));

        Assert.Contains("refused the user name or password", (string)LogCollector.Scalar(gateway.Logs.WithEventId(EventIds.RedisServerNotConnected).Single(), "Reason")!, StringComparison.Ordinal);
    }

    private GatewayFactory Gateway(RedisServer redis) => Gateway(redis, Settings($"{RedisAclRules.DefaultKeyPrefix}t{Guid.NewGuid():N}:"));

    private GatewayFactory Gateway(RedisServer redis, Dictionary<string, string?> settings) =>
        new(Backend.Address, $"{redis.ConnectionString},user=drrs-gateway,password={Password}", settings);

    private static RedisServer StartWithGatewayUser(string rules)
    {
        var file = Path.Combine(Path.GetTempPath(), $"drrs-acl-{Guid.NewGuid():N}.acl");
        File.WriteAllLines(file, ["user default off", $"user acl-admin on >{AdminPassword} ~* &* +@all", $"user drrs-gateway on >{Password} {rules}"]);
        return RedisServer.Start(null, "--aclfile", file);
    }
}
