using DrrsBenchmarks;
using StackExchange.Redis;

// YARP + one Redis decision per request: SET key 1 EX 30 GET (the client's spelling of PX 30000) sets the
// lock and restarts its window in one round trip; no previous value means the call is allowed. The cheapest
// correct shared-state policy in YARP, on the gateway's client library (BENCH_REDIS).
var builder = WebApplication.CreateBuilder(args);
builder.AddReferenceProxy();
var redis = await ConnectionMultiplexer.ConnectAsync(builder.Configuration["BENCH_REDIS"]
    ?? throw new InvalidOperationException("BENCH_REDIS must name the Redis server, e.g. 127.0.0.1:6379."));
var database = redis.GetDatabase();

var app = builder.Build();
app.UseFloorPolicy(async key => (await database.StringSetAndGetAsync(key, 1, ReferencePolicy.Window)).IsNull);
app.MapReverseProxy();
app.Run();
