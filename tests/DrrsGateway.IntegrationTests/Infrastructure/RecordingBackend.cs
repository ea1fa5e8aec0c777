using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A stand-in for DRRS on a real loopback port: answers every request and records what reached it,
/// so tests can prove a refused request was never forwarded.
/// </summary>
public sealed class RecordingBackend : IAsyncDisposable
{
    public const string Body = "drrs-backend";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _headers = new();
    private readonly ConcurrentQueue<byte[]> _bodies = new();
    private readonly ConcurrentQueue<(string Path, long Timestamp)> _arrivals = new();
    private readonly ConcurrentQueue<string> _clientCertificates = new();

    private RecordingBackend(WebApplication app) => _app = app;

    /// <summary>The address to configure as the cluster's destination.</summary>
    public string Address { get; private set; } = "";

    /// <summary>Paths of every request that reached the backend, in arrival order.</summary>
    public IReadOnlyCollection<string> Requests => _requests;

    /// <summary>The headers of every request that reached the backend, in arrival order.</summary>
    public IReadOnlyCollection<IReadOnlyDictionary<string, string>> Headers => _headers;

    /// <summary>The body of every request that reached the backend, in arrival order.</summary>
    public IReadOnlyCollection<byte[]> Bodies => _bodies;

    /// <summary>When each request arrived (<see cref="System.Diagnostics.Stopwatch"/> timestamps), in arrival order.</summary>
    public IReadOnlyCollection<(string Path, long Timestamp)> Arrivals => _arrivals;

    /// <summary>The subject of the client certificate each request came with (HTTPS backends), in arrival order.</summary>
    public IReadOnlyCollection<string> ClientCertificates => _clientCertificates;

    /// <summary>Delay before answering, for slow-backend tests.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Answers given instead of the default one, one per request in arrival order, while any are left.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<ScriptedAnswer> Scripted { get; } = new();

    public static Task<RecordingBackend> StartAsync() => StartAsync(_ => { }, "http://127.0.0.1:0");

    /// <summary>
    /// An HTTPS backend, as CAISO's: it presents <paramref name="serverCertificate"/> and requires a client
    /// certificate issued by <paramref name="clientCa"/>, refusing the TLS connection otherwise.
    /// </summary>
    public static Task<RecordingBackend> StartTlsAsync(X509Certificate2 serverCertificate, X509Certificate2 clientCa) =>
        StartAsync(
            builder =>
            {
                builder.WebHost.UseKestrelHttpsConfiguration();
                builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
                {
                    https.ServerCertificate = serverCertificate;
                    https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                    https.ClientCertificateValidation = (certificate, _, _) => IssuedBy(certificate, clientCa);
                }));
            },
            "https://127.0.0.1:0");

    private static async Task<RecordingBackend> StartAsync(Action<WebApplicationBuilder> configure, string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        configure(builder);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var backend = new RecordingBackend(app);
        app.Run(backend.HandleAsync);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        backend.Address = addresses.Addresses.Single() + "/";
        return backend;
    }

    public int CountFor(string path) => _requests.Count(p => string.Equals(p, path, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        _arrivals.Enqueue((context.Request.Path.Value ?? "", System.Diagnostics.Stopwatch.GetTimestamp()));
        _requests.Enqueue(context.Request.Path.Value ?? "");
        if (context.Connection.ClientCertificate is { } certificate)
        {
            _clientCertificates.Enqueue(certificate.Subject);
        }

        _headers.Enqueue(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
        using (var body = new MemoryStream())
        {
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            _bodies.Enqueue(body.ToArray());
        }

        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }

        if (Scripted.TryDequeue(out var scripted))
        {
            context.Response.StatusCode = scripted.StatusCode;
            context.Response.ContentType = scripted.ContentType;
            await context.Response.WriteAsync(scripted.Body, context.RequestAborted);
            return;
        }

        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(Body, context.RequestAborted);
    }

    private static bool IssuedBy(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
