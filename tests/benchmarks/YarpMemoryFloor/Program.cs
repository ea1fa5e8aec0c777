using DrrsBenchmarks;

// YARP + one in-memory decision per request (MemoryFloorStore): the floor of the gateway's embedded store.
var builder = WebApplication.CreateBuilder(args);
builder.AddReferenceProxy();
using var store = new MemoryFloorStore(ReferencePolicy.Window);

var app = builder.Build();
app.UseFloorPolicy(key => new ValueTask<bool>(store.TryAcquire(key)));
app.MapReverseProxy();
app.Run();
