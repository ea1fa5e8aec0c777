using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;
using DrrsGateway.Management;
using DrrsGateway.Observability;
using DrrsGateway.TestSupport;
using Serilog.Events;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Hosting;

/// <summary>One request event per request: status, elapsed, route, user, service, decision and trace id.</summary>
public sealed class RequestLoggingTests : BackendTests
{
    private static readonly Dictionary<string, string?> InformationLevel = new() { ["RequestLog:Level"] = "Information" };

    private const string RequestTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms";

    [Fact]
    public async Task RequestLog_AllowedThenRefusedCall_CarriesStatusRouteUserServiceDecisionAndTrace()
    {
        await using var gateway = new GatewayFactory(Backend.Address, settings: InformationLevel);
        using var client = gateway.CreateClientFrom();
        var user = NewUser();

        using var allowed = await client.CallAsync(user);
        using var refused = await client.CallAsync(user);

        var events = RequestEvents(gateway).Where(e => LogCollector.Scalar(e, "User") as string == user).ToList();
        Assert.Equal(2, events.Count);
        var (first, second) = (events[0], events[1]);
        Assert.Equal(200, LogCollector.Scalar(first, "StatusCode"));
        Assert.Equal("Allowed", LogCollector.Scalar(first, "Decision"));
        Assert.Equal(429, LogCollector.Scalar(second, "StatusCode"));
        Assert.Equal("Rejected", LogCollector.Scalar(second, "Decision"));
        Assert.All(events, e =>
        {
            Assert.Equal(LogEventLevel.Information, e.Level);
            Assert.Equal("drrs", LogCollector.Scalar(e, "RouteId"));
            Assert.Equal("retrievedrrslocations_v1", LogCollector.Scalar(e, "Service"));
            Assert.Equal(LocationsPath, LogCollector.Scalar(e, "RequestPath"));
            Assert.IsType<double>(LogCollector.Scalar(e, "Elapsed"));
            Assert.NotNull(e.TraceId);
        });
    }

    [Fact]
    public async Task RequestLog_UnidentifiedCall_HasStatusAndUnidentifiedDecision()
    {
        await using var gateway = new GatewayFactory(Backend.Address, settings: InformationLevel);
        using var client = gateway.CreateClientFrom(IPAddress.Parse("203.0.113.7"));

        using var response = await client.PostAsync(LocationsPath, new StringContent("<soap/>"));

        var logged = Assert.Single(RequestEvents(gateway));
        Assert.Equal(401, LogCollector.Scalar(logged, "StatusCode"));
        Assert.Equal("Unidentified", LogCollector.Scalar(logged, "Decision"));
    }

    [Fact]
    public async Task RequestLog_UnidentifiedSoapCallAnswered500_IsARefusalNotAnError()
    {
        await using var gateway = new GatewayFactory(Backend.Address, settings: InformationLevel);
        using var client = gateway.CreateClientFrom(IPAddress.Parse("203.0.113.7"));

        using var response = await client.Soap11Async(NewUser(), LocationsPath, CaisoAction("retrieveDRRSLocations_v1"));

        var logged = Assert.Single(RequestEvents(gateway));
        Assert.Equal(500, LogCollector.Scalar(logged, "StatusCode"));
        Assert.Equal("Unidentified", LogCollector.Scalar(logged, "Decision"));
        Assert.Equal(LogEventLevel.Information, logged.Level);
    }

    [Fact]
    public async Task RequestLog_WsdlRead_HasMetadataDecision()
    {
        await using var gateway = new GatewayFactory(Backend.Address, settings: InformationLevel);
        using var client = gateway.CreateClientFrom();

        using var response = await client.GetAsync(LocationsPath + "?wsdl");

        var logged = Assert.Single(RequestEvents(gateway));
        Assert.Equal("Metadata", LogCollector.Scalar(logged, "Decision"));
    }

    [Theory]
    [InlineData(HealthEndpointExtensions.LivenessPath)]
    [InlineData(HealthEndpointExtensions.ReadinessPath)]
    [InlineData(TelemetryExtensions.MetricsPath)]
    public async Task RequestLog_ManagementEndpoint_StaysBelowInformation(string path)
    {
        var settings = new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Verbose" };
        await using var gateway = new GatewayFactory(Backend.Address, settings: settings);
        using var client = gateway.CreateClientFrom();

        using var response = await client.GetAsync(path);

        var logged = Assert.Single(RequestEvents(gateway));
        Assert.Equal(LogEventLevel.Verbose, logged.Level);
    }

    [Fact]
    public async Task RequestLog_ExemptUser_NamesTheExemptDecision()
    {
        var settings = new Dictionary<string, string?>(InformationLevel) { ["Aup:ExemptUsers:0"] = "monitor" };
        await using var gateway = new GatewayFactory(Backend.Address, settings: settings);
        using var client = gateway.CreateClientFrom();

        using var response = await client.CallAsync("monitor");

        Assert.Equal("Exempt", LogCollector.Scalar(Assert.Single(RequestEvents(gateway)), "Decision"));
    }

    [Fact]
    public async Task RequestLog_ByDefault_LogsProxiedRequestsAtDebug()
    {
        var settings = new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Debug" };
        await using var gateway = new GatewayFactory(Backend.Address, settings: settings);
        using var client = gateway.CreateClientFrom();

        using var response = await client.CallAsync(NewUser());

        Assert.Equal(LogEventLevel.Debug, Assert.Single(RequestEvents(gateway)).Level);
    }

    [Fact]
    public async Task RequestLog_Soap11RefusalWith500_IsNotError()
    {
        await using var gateway = new GatewayFactory(Backend.Address);
        using var client = gateway.CreateClientFrom();
        var user = NewUser();

        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, LocationsPath)
            {
                Content = new StringContent(SoapEnvelope, System.Text.Encoding.UTF8, "text/xml"),
            };
            request.Headers.Add(GatewayFactory.UserHeader, user);
            request.Headers.Add("SOAPAction", "\"http://www.caiso.com/soa/retrieveDRRSLocations_v1\"");
            using var response = await client.SendAsync(request);
            Assert.Equal(i == 0 ? HttpStatusCode.OK : HttpStatusCode.InternalServerError, response.StatusCode);
        }

        // The default request-log level is Debug, below the captured Information: no Error line either.
        Assert.Empty(RequestEvents(gateway));
    }

    [Fact]
    public async Task RequestLog_BackendDown_IsError()
    {
        await using var gateway = new GatewayFactory($"http://127.0.0.1:{FreePort.Next()}/");
        using var client = gateway.CreateClientFrom();

        using var response = await client.CallAsync(NewUser());

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(LogEventLevel.Error, Assert.Single(RequestEvents(gateway)).Level);
    }

    [Theory]
    [InlineData("Loud")]
    [InlineData("42")]
    public void Start_InvalidRequestLogLevel_FailsNamingIt(string value)
    {
        using var gateway = new GatewayFactory(Backend.Address, settings: new Dictionary<string, string?> { ["RequestLog:Level"] = value });

        var error = Assert.ThrowsAny<Exception>(() => gateway.CreateClient());

        Assert.Contains("RequestLog:Level", error.Message, StringComparison.Ordinal);
    }

    private static List<LogEvent> RequestEvents(GatewayFactory gateway) =>
        [.. gateway.Logs.Events.Where(e => e.MessageTemplate.Text == RequestTemplate)];
}
