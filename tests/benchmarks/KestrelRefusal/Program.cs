using DrrsBenchmarks;

// Kestrel refusing every call with a user (429, Retry-After, CAISO's message) and forwarding nothing: the
// ceiling for refusals in this stack. Calls without a user (the harness's health checks) get an empty 200.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var app = builder.Build();
app.UseFloorPolicy(_ => new ValueTask<bool>(false));
app.Run(_ => Task.CompletedTask);
app.Run();
