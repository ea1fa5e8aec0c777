using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DrrsGateway.Admin;
using DrrsGateway.IntegrationTests.Infrastructure;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Admin;

/// <summary>The admin API on a three-node Redis Cluster: each user's locks are found on the node owning their slot.</summary>
public sealed class RedisClusterAdminApiTests(RedisClusterFixture cluster) : IClassFixture<RedisClusterFixture>, IAsyncLifetime
{
    private const string Key = "cluster-admin-key-0123456789";

    private RecordingBackend _backend = null!;
    private GatewayFactory _gateway = null!;

    public async Task InitializeAsync()
    {
        _backend = await RecordingBackend.StartAsync();
        _gateway = new GatewayFactory(_backend.Address, cluster.ConnectionString, new Dictionary<string, string?> { ["Admin:ApiKey"] = Key });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task ListAndClearAll_UsersSpreadOverNodes_FindEachUsersLocks()
    {
        using var client = _gateway.CreateClientFrom();
        client.DefaultRequestHeaders.Add(AdminApiKey.HeaderName, Key);

        // Twenty users land on every node of three with near certainty.
        foreach (var user in Enumerable.Range(0, 20).Select(_ => NewUser()))
        {
            using var locations = await client.CallAsync(user);
            using var registrations = await client.CallAsync(user, RegistrationsPath);

            var listed = await client.GetFromJsonAsync<JsonElement>($"/admin/locks/{user}");
            using var cleared = await client.DeleteAsync($"/admin/locks/{user}");
            using var again = await client.CallAsync(user);

            Assert.Equal(2, listed.GetProperty("locks").GetArrayLength());
            Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
            Assert.Equal(2, (await cleared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cleared").GetInt32());
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
    }
}
