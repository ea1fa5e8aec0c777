using System.Threading.RateLimiting;
using DrrsBenchmarks;

// YARP + Microsoft.AspNetCore.RateLimiting, in memory: a fixed window of one permit per (user, service).
var builder = WebApplication.CreateBuilder(args);
builder.AddReferenceProxy();
builder.Services.AddRateLimiter(options => options.UseReferencePolicy(key => RateLimitPartition.GetFixedWindowLimiter(
    key, _ => new FixedWindowRateLimiterOptions { PermitLimit = 1, Window = ReferencePolicy.Window, QueueLimit = 0 })));

var app = builder.Build();
app.UseRateLimiter();
app.MapReverseProxy();
app.Run();
