using System.Net;
using DrrsGateway.AcceptableUse;
using DrrsGateway.IntegrationTests.Infrastructure;
using DrrsGateway.Proxy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DrrsGateway.IntegrationTests.Hosting;

/// <summary>
/// The policy's registration needs nothing but itself and the proxy: a host composed of those two alone
/// (no monitoring, telemetry or admin API) starts and enforces the policy.
/// </summary>
public sealed class CompositionTests : BackendTests
{
    [Fact]
    public async Task PolicyAndProxyAlone_Start_AndEnforce()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["ReverseProxy:Routes:drrs:ClusterId"] = "drrs";
        builder.Configuration["ReverseProxy:Routes:drrs:Match:Path"] = "/{**catch-all}";
        builder.Configuration["ReverseProxy:Clusters:drrs:Destinations:primary:Address"] = Backend.Address;
        builder.Configuration["Aup:Identity:TrustedHeader"] = GatewayFactory.UserHeader;
        builder.AddAcceptableUsePolicy();
        builder.AddDrrsReverseProxy();
        await using var app = builder.Build();
        app.MapDrrsReverseProxy();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        var user = GatewayRequests.NewUser();

        using var allowed = await client.CallAsync(user);
        using var refused = await client.CallAsync(user);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        await app.StopAsync();
    }
}
