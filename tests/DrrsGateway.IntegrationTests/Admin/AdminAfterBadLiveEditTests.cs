using System.Net;
using DrrsGateway.Admin;
using DrrsGateway.IntegrationTests.Infrastructure;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Admin;

/// <summary>
/// A live settings edit that does not validate leaves the last good policy in force for the admin API too:
/// it reads the same policy as the proxy, never the options pipeline that throws on such an edit.
/// </summary>
public sealed class AdminAfterBadLiveEditTests : IAsyncLifetime
{
    private const string Key = "admin-key-for-the-live-edit-tests-0123456789";
    private readonly string _directory = Directory.CreateTempSubdirectory("drrs-admin-reload-").FullName;
    private RecordingBackend _backend = null!;
    private GatewayFactory _gateway = null!;
    private string _file = null!;

    public async Task InitializeAsync()
    {
        _backend = await RecordingBackend.StartAsync();
        _file = Path.Combine(_directory, "live.json");
        File.WriteAllText(_file, "{}");
        _gateway = new GatewayFactory(_backend.Address, settings: new Dictionary<string, string?> { ["Admin:ApiKey"] = Key }) { ReloadableJsonFile = _file };
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData("{\"Aup\":{\"WindowSeconds\":0}}")]
    [InlineData("{\"Aup\":{\"WindowSeconds\":\"thirty\"}}")]
    [InlineData("{\"Aup\":{\"Identity\":{\"TrustedProxies\":\"10.0.0.0/99\"}}}")]
    public async Task AdminApi_AfterInvalidLiveEdit_ListsAndClearsLocks(string invalid)
    {
        using var client = _gateway.CreateClientFrom();
        var user = NewUser();
        using var first = await client.CallAsync(user);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var temporary = _file + ".tmp";
        File.WriteAllText(temporary, invalid);
        File.Move(temporary, _file, overwrite: true);
        await EventuallyAsync(() => Task.FromResult(_gateway.Logs.WithEventId(EventIds.SettingsChangeRejected).Any()), "the invalid change is logged");

        using var list = await SendAsync(client, HttpMethod.Get, $"/admin/locks/{user}");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("retrievedrrslocations_v1", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var clear = await SendAsync(client, HttpMethod.Delete, $"/admin/locks/{user}");
        Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
        using var again = await client.CallAsync(user);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add(AdminApiKey.HeaderName, Key);
        return await client.SendAsync(request);
    }
}
