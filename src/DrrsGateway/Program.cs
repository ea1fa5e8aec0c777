using DrrsGateway.AcceptableUse;
using DrrsGateway.Hosting;

// appsettings.json travels with the binaries, so `dotnet path/to/DrrsGateway.dll` from any directory
// finds the shipped routes and log settings.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.AddGatewayLogging();
builder.AddServerHardening();
builder.AddGatewayHealthChecks();
builder.AddAcceptableUsePolicy();
builder.AddDrrsReverseProxy();

var app = builder.Build();
app.MapGatewayHealthChecks();
app.MapDrrsReverseProxy();
app.Run();
