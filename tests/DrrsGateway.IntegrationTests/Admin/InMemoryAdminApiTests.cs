using DrrsGateway.IntegrationTests.Infrastructure;

namespace DrrsGateway.IntegrationTests.Admin;

/// <summary>The admin API over the embedded store.</summary>
public sealed class InMemoryAdminApiTests : AdminApiTests
{
    protected override GatewayFactory CreateGateway(string backendAddress, IDictionary<string, string?> settings) =>
        new(backendAddress, settings: settings);
}
