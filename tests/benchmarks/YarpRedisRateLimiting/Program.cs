using DrrsBenchmarks;
using RedisRateLimiting;
using StackExchange.Redis;

// YARP + RedisRateLimiting: a fixed window of one permit per (user, service), counted in Redis (BENCH_REDIS).
var builder = WebApplication.CreateBuilder(args);
builder.AddReferenceProxy();
var redis = await ConnectionMultiplexer.ConnectAsync(builder.Configuration["BENCH_REDIS"]
    ?? throw new InvalidOperationException("BENCH_REDIS must name the Redis server, e.g. 127.0.0.1:6379."));
builder.Services.AddRateLimiter(options => options.UseReferencePolicy(key => RedisRateLimitPartition.GetFixedWindowRateLimiter(
    key, _ => new RedisFixedWindowRateLimiterOptions { ConnectionMultiplexerFactory = () => redis, PermitLimit = 1, Window = ReferencePolicy.Window })));

var app = builder.Build();
app.UseRateLimiter();
app.MapReverseProxy();
app.Run();
