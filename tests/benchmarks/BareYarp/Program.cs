using DrrsBenchmarks;

// Bare YARP forwarding the same calls as the gateway, with none of its features: the benchmark's baseline.
var builder = WebApplication.CreateBuilder(args);
builder.AddReferenceProxy();

var app = builder.Build();
app.MapReverseProxy();
app.Run();
