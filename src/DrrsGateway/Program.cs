using DrrsGateway.AcceptableUse;
using DrrsGateway.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddGatewayLogging();
builder.AddGatewayHealthChecks();
builder.AddAcceptableUsePolicy();
builder.AddDrrsReverseProxy();

var app = builder.Build();
app.MapGatewayHealthChecks();
app.MapDrrsReverseProxy();
app.Run();
