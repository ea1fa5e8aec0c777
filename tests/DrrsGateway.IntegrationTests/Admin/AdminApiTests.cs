using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DrrsGateway.AcceptableUse;
using DrrsGateway.Admin;
using DrrsGateway.IntegrationTests.Infrastructure;
using Serilog.Events;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Admin;

/// <summary>
/// The admin API over a lock store: list a user's locks, clear one, clear all, behind the API key, with
/// every action audited. Run once per store by the derived classes.
/// </summary>
public abstract class AdminApiTests : IAsyncLifetime
{
    protected const string Key = "admin-test-key-0123456789";

    private GatewayFactory _gateway = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        Backend = await RecordingBackend.StartAsync();
        _gateway = CreateGateway(Backend.Address, new Dictionary<string, string?> { ["Admin:ApiKey"] = Key });
        _client = _gateway.CreateClientFrom();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
        await Backend.DisposeAsync();
    }

    protected RecordingBackend Backend { get; private set; } = null!;

    protected abstract GatewayFactory CreateGateway(string backendAddress, IDictionary<string, string?> settings);

    [Fact]
    public async Task Clear_LockedUser_LetsNextCallThroughAtOnce()
    {
        var user = NewUser();
        using var first = await _client.CallAsync(user);
        using var refused = await _client.CallAsync(user);

        using var cleared = await AdminAsync(HttpMethod.Delete, $"/admin/locks/{user}/RetrieveDRRSLocations_v1");
        using var afterClear = await _client.CallAsync(user);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        var body = await ReadAsync(cleared);
        Assert.Equal(1, body.GetProperty("cleared").GetInt32());
        Assert.Equal("retrievedrrslocations_v1", body.GetProperty("service").GetString());
        Assert.Equal(HttpStatusCode.OK, afterClear.StatusCode);
        Assert.Equal(2, Backend.CountFor(LocationsPath));
    }

    [Fact]
    public async Task Clear_NoLock_ReportsNoneCleared()
    {
        using var cleared = await AdminAsync(HttpMethod.Delete, $"/admin/locks/{NewUser()}/retrieveDRRSLocations_v1");

        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(0, (await ReadAsync(cleared)).GetProperty("cleared").GetInt32());
    }

    [Fact]
    public async Task List_LockedUser_ShowsServicesWithSecondsRemaining()
    {
        var user = NewUser();
        using var locations = await _client.CallAsync(user);
        using var registrations = await _client.CallAsync(user, RegistrationsPath);

        using var listed = await AdminAsync(HttpMethod.Get, $"/admin/locks/{user}");

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var body = await ReadAsync(listed);
        Assert.Equal(user, body.GetProperty("user").GetString());
        var locks = body.GetProperty("locks").EnumerateArray().ToList();
        Assert.Equal(["retrievedrrslocations_v1", "retrievedrrsregistrations_v1"], locks.Select(l => l.GetProperty("service").GetString()));
        Assert.All(locks, l => Assert.InRange(l.GetProperty("secondsRemaining").GetInt32(), 25, 30));
    }

    [Fact]
    public async Task List_UserWithoutLocks_IsEmpty()
    {
        using var listed = await AdminAsync(HttpMethod.Get, $"/admin/locks/{NewUser()}");

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Empty((await ReadAsync(listed)).GetProperty("locks").EnumerateArray());
    }

    [Fact]
    public async Task ClearAll_UserWithTwoLocks_ClearsBothAndNoOneElse()
    {
        var user = NewUser();
        var bystander = NewUser();
        using var locations = await _client.CallAsync(user);
        using var registrations = await _client.CallAsync(user, RegistrationsPath);
        using var other = await _client.CallAsync(bystander);

        using var cleared = await AdminAsync(HttpMethod.Delete, $"/admin/locks/{user}");
        using var listed = await AdminAsync(HttpMethod.Get, $"/admin/locks/{user}");
        using var bystanderListed = await AdminAsync(HttpMethod.Get, $"/admin/locks/{bystander}");

        Assert.Equal(2, (await ReadAsync(cleared)).GetProperty("cleared").GetInt32());
        Assert.Empty((await ReadAsync(listed)).GetProperty("locks").EnumerateArray());
        Assert.Single((await ReadAsync(bystanderListed)).GetProperty("locks").EnumerateArray());
    }

    [Theory]
    [InlineData("*")]
    [InlineData("glob?")]
    [InlineData("glob[ab]")]
    [InlineData("glob*")]
    [InlineData("glob\\*")]
    public async Task List_UserNameWithGlobCharacters_SeesOnlyOwnLocks(string pattern)
    {
        var stem = "glob" + Guid.NewGuid().ToString("N")[..6];
        var lookup = pattern.Replace("glob", stem, StringComparison.Ordinal);
        foreach (var user in new[] { stem + "a", stem + "b", stem + "x", stem, stem + "*x" })
        {
            using var call = await _client.CallAsync(user);
        }

        using var listed = await AdminAsync(HttpMethod.Get, "/admin/locks/" + Uri.EscapeDataString(lookup));
        using var clearedAll = await AdminAsync(HttpMethod.Delete, "/admin/locks/" + Uri.EscapeDataString(lookup));
        using var stemListed = await AdminAsync(HttpMethod.Get, "/admin/locks/" + stem);

        Assert.Empty((await ReadAsync(listed)).GetProperty("locks").EnumerateArray());
        Assert.Equal(0, (await ReadAsync(clearedAll)).GetProperty("cleared").GetInt32());
        Assert.Single((await ReadAsync(stemListed)).GetProperty("locks").EnumerateArray());
    }

    [Theory]
    [InlineData("team/alice")]
    [InlineData("a%2Fb")]
    [InlineData("CN=Alice Smith, O=Utility")]
    [InlineData("ünïcødé")]
    public async Task ClearAll_UserNameWithReservedCharacters_ReachesExactlyThatUser(string user)
    {
        var unique = user + Guid.NewGuid().ToString("N")[..6];
        using var call = await _client.CallAsync(unique);

        using var listed = await AdminAsync(HttpMethod.Get, "/admin/locks/" + Uri.EscapeDataString(unique));
        using var cleared = await AdminAsync(HttpMethod.Delete, "/admin/locks/" + Uri.EscapeDataString(unique));

        var body = await ReadAsync(listed);
        Assert.Equal(unique, body.GetProperty("user").GetString());
        Assert.Single(body.GetProperty("locks").EnumerateArray());
        Assert.Equal(1, (await ReadAsync(cleared)).GetProperty("cleared").GetInt32());
    }

    [Theory]
    [InlineData("/admin/locks/bad%01name")]
    [InlineData("/admin/locks/alice/bad%7Fservice")]
    public async Task Admin_InvalidName_Is400(string path)
    {
        using var response = await AdminAsync(path.Count(c => c == '/') == 4 ? HttpMethod.Delete : HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Admin_UserNameTooLong_Is400()
    {
        using var response = await AdminAsync(HttpMethod.Get, "/admin/locks/" + new string('u', 257));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-wrong-key-wrong")]
    [InlineData("admin-test-key-012345678")]
    [InlineData("ADMIN-TEST-KEY-0123456789")]
    public async Task Admin_MissingOrWrongKey_Is401WithoutDetail(string? key)
    {
        var user = NewUser();
        using var call = await _client.CallAsync(user);
        foreach (var (method, path) in new[] { (HttpMethod.Get, $"/admin/locks/{user}"), (HttpMethod.Delete, $"/admin/locks/{user}"), (HttpMethod.Delete, $"/admin/locks/{user}/x") })
        {
            using var request = new HttpRequestMessage(method, path);
            if (key is not null)
            {
                request.Headers.TryAddWithoutValidation(AdminApiKey.HeaderName, key);
            }

            using var response = await _client.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsStringAsync());
        }

        using var stillLocked = await _client.CallAsync(user);
        Assert.Equal(HttpStatusCode.TooManyRequests, stillLocked.StatusCode);
    }

    [Fact]
    public async Task Admin_KeySentTwice_Is401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/admin/locks/{NewUser()}");
        request.Headers.Add(AdminApiKey.HeaderName, [Key, Key]);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("PUT", "/admin/locks/alice")]
    [InlineData("POST", "/admin/locks/alice/svc")]
    [InlineData("GET", "/admin/locks/alice/svc")]
    [InlineData("GET", "/admin/other")]
    [InlineData("GET", "/admin")]
    [InlineData("GET", "/ADMIN/LOCKS")]
    public async Task Admin_PathOrMethodNotServed_Is404AndNotForwarded(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add(AdminApiKey.HeaderName, Key);
        request.Headers.Add(GatewayFactory.UserHeader, NewUser());

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(Backend.Requests);
    }

    [Fact]
    public async Task Admin_Actions_AreAuditedWithCallerAndFingerprintNeverTheKey()
    {
        var user = NewUser();
        using var call = await _client.CallAsync(user);
        using var listed = await AdminAsync(HttpMethod.Get, $"/admin/locks/{user}");
        using var cleared = await AdminAsync(HttpMethod.Delete, $"/admin/locks/{user}/retrievedrrslocations_v1");
        using var clearedAll = await AdminAsync(HttpMethod.Delete, $"/admin/locks/{user}");
        using var refused = await _client.GetAsync($"/admin/locks/{user}");

        var list = Assert.Single(_gateway.Logs.WithEventId(EventIds.AdminListed), e => LogCollector.Scalar(e, "User") as string == user);
        Assert.Equal("list", LogCollector.Scalar(list, "AdminAction"));
        Assert.Equal(1, LogCollector.Scalar(list, "LockCount"));
        Assert.Equal(IPAddress.Loopback.ToString(), LogCollector.Scalar(list, "RemoteAddress"));
        Assert.StartsWith("sha256:", LogCollector.Scalar(list, "KeyFingerprint") as string, StringComparison.Ordinal);
        var clear = Assert.Single(_gateway.Logs.WithEventId(EventIds.AdminCleared), e => LogCollector.Scalar(e, "User") as string == user);
        Assert.Equal(1, LogCollector.Scalar(clear, "LocksAffected"));
        Assert.Equal("retrievedrrslocations_v1", LogCollector.Scalar(clear, "Service"));
        var clearAll = Assert.Single(_gateway.Logs.WithEventId(EventIds.AdminClearedAll), e => LogCollector.Scalar(e, "User") as string == user);
        Assert.Equal(0, LogCollector.Scalar(clearAll, "LocksAffected"));
        var unauthorized = Assert.Single(_gateway.Logs.WithEventId(EventIds.AdminUnauthorized));
        Assert.Equal(LogEventLevel.Warning, unauthorized.Level);
        Assert.Equal("missing", LogCollector.Scalar(unauthorized, "KeyProblem"));
        Assert.DoesNotContain(_gateway.Logs.Events, e => e.RenderMessage().Contains(Key, StringComparison.Ordinal)
            || e.Properties.Values.Any(v => v.ToString().Contains(Key, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task List_HeldUser_ShowsHoldSlotWithMillisecondsUntilNext()
    {
        await using var gateway = CreateHoldGateway();
        using var client = gateway.CreateClientFrom();
        var user = NewUser();
        using var first = await client.CallAsync(user);

        using var listed = await AdminAsync(client, HttpMethod.Get, $"/admin/locks/{user}");

        var body = await ReadAsync(listed);
        Assert.Equal(JsonValueKind.Array, body.GetProperty("locks").ValueKind);
        var slot = Assert.Single(body.GetProperty("holdSlots").EnumerateArray());
        Assert.Equal("retrievedrrslocations_v1", slot.GetProperty("service").GetString());
        Assert.InRange(slot.GetProperty("millisecondsUntilNextSlot").GetInt64(), 1, HoldSpacing.TotalMilliseconds);
    }

    [Fact]
    public async Task Clear_HeldUser_NextCallIsForwardedWithoutWaiting()
    {
        await using var gateway = CreateHoldGateway();
        using var client = gateway.CreateClientFrom();
        var user = NewUser();
        using var first = await client.CallAsync(user);

        using var cleared = await AdminAsync(client, HttpMethod.Delete, $"/admin/locks/{user}/retrieveDRRSLocations_v1");
        using var afterClear = await client.CallAsync(user);

        Assert.Equal(1, (await ReadAsync(cleared)).GetProperty("holdSlotsCleared").GetInt32());
        Assert.Equal(HttpStatusCode.OK, afterClear.StatusCode);
        Assert.False(afterClear.Headers.Contains(AupMiddleware.HeldHeader), "the call after clearing was held");
    }

    [Fact]
    public async Task ClearAll_HeldUser_ClearsEveryHoldSlotAndNoOneElses()
    {
        await using var gateway = CreateHoldGateway();
        using var client = gateway.CreateClientFrom();
        var user = NewUser();
        var bystander = NewUser();
        using var locations = await client.CallAsync(user);
        using var registrations = await client.CallAsync(user, RegistrationsPath);
        using var other = await client.CallAsync(bystander);

        using var cleared = await AdminAsync(client, HttpMethod.Delete, $"/admin/locks/{user}");
        using var listed = await AdminAsync(client, HttpMethod.Get, $"/admin/locks/{user}");
        using var bystanderListed = await AdminAsync(client, HttpMethod.Get, $"/admin/locks/{bystander}");

        Assert.Equal(2, (await ReadAsync(cleared)).GetProperty("holdSlotsCleared").GetInt32());
        Assert.Empty((await ReadAsync(listed)).GetProperty("holdSlots").EnumerateArray());
        Assert.Single((await ReadAsync(bystanderListed)).GetProperty("holdSlots").EnumerateArray());
    }

    /// <summary>A gateway in hold mode whose spacing is long enough that no slot passes during a test.</summary>
    protected GatewayFactory CreateHoldGateway(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Admin:ApiKey"] = Key,
            ["Aup:Mode"] = "Hold",
            ["Aup:WindowSeconds"] = "20",
            ["Aup:Hold:MarginMilliseconds"] = "0",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return CreateGateway(Backend.Address, settings);
    }

    protected static TimeSpan HoldSpacing { get; } = TimeSpan.FromSeconds(20);

    private Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path) => AdminAsync(_client, method, path);

    protected static async Task<HttpResponseMessage> AdminAsync(HttpClient client, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add(AdminApiKey.HeaderName, Key);
        return await client.SendAsync(request);
    }

    protected static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
