using DrrsGateway.AcceptableUse;
using DrrsGateway.Admin;
using DrrsGateway.Management;
using DrrsGateway.Monitoring;
using DrrsGateway.Observability;
using DrrsGateway.Proxy;

// appsettings.json travels with the binaries, so `dotnet path/to/DrrsGateway.dll` from any directory
// finds the shipped routes and log settings.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.AddGatewayLogging();
builder.AddServerHardening();
builder.AddGatewayRequestLogging();
builder.AddGatewayTelemetry();
builder.AddGatewayManagementPort();
builder.AddGatewayHealthChecks();
builder.AddAcceptableUsePolicy();
builder.AddGatewayMonitoring();
builder.AddLockAdministration();
builder.AddDrrsReverseProxy();

var app = builder.Build();
app.UseGatewayRequestLogging();
app.UseGatewayManagementPort();
app.MapGatewayHealthChecks();
app.MapGatewayMetrics();
app.MapLockAdministration();
app.MapDrrsReverseProxy();
app.Run();
