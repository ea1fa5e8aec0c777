using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>
/// The gateway in-process, configured in memory: backend address, store, window and anything else a
/// test sets. Requests can be sent as if from any peer address.
/// </summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    public const string UserHeader = "X-Drrs-User";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;

    public GatewayFactory(string backendAddress, string? redis = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        _settings = new(StringComparer.OrdinalIgnoreCase)
        {
            ["ReverseProxy:Clusters:drrs:Destinations:primary:Address"] = backendAddress,
            ["ConnectionStrings:Redis"] = redis ?? "",
            ["Aup:Identity:TrustedHeader"] = UserHeader,
            ["Aup:KeyPrefix"] = $"test:{Guid.NewGuid():N}:",

            // A loaded CI machine can stall Redis answers past the shipped 500 ms; with Allow such a stall
            // would let extra requests through and make exactness tests flaky. Tests of store failure set
            // their own values.
            ["Aup:StoreTimeoutMilliseconds"] = "10000",
            ["Aup:OnStoreFailure"] = "Reject",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        _configureServices = configureServices;
    }

    public LogCollector Logs { get; } = new();

    public string KeyPrefix => _settings["Aup:KeyPrefix"]!;

    /// <summary>A JSON settings file loaded with reloadOnChange, for tests that change settings live.</summary>
    public string? ReloadableJsonFile { get; init; }

    /// <summary>
    /// A client whose requests arrive from <paramref name="remote"/> (default: loopback, a trusted proxy), on
    /// the server's <paramref name="localPort"/> (default: none of the gateway's, the test server has no ports).
    /// </summary>
    public HttpClient CreateClientFrom(IPAddress? remote = null, int localPort = 0)
    {
        var peer = remote ?? IPAddress.Loopback;
        var server = Server.CreateHandler(context =>
        {
            context.Connection.RemoteIpAddress = peer;
            context.Connection.LocalPort = localPort;
            if (context.Request.Headers.Remove(RawTargetHandler.HeaderName, out var rawTarget))
            {
                context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget = rawTarget.ToString();
            }
        });
        return new HttpClient(new RawTargetHandler { InnerHandler = server })
        {
            BaseAddress = Server.BaseAddress,
        };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (ReloadableJsonFile is { } file)
        {
            builder.ConfigureAppConfiguration(configuration => configuration.AddJsonFile(file, optional: false, reloadOnChange: true));
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            _configureServices?.Invoke(services);
        });
    }
}
