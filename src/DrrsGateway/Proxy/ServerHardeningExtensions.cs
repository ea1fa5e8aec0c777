using System.Text;
using DrrsGateway.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DrrsGateway.Proxy;

/// <summary>
/// What the server itself does with odd input and with shutdown. Size limits live in the <c>Kestrel:Limits</c>
/// section of appsettings.json, set deliberately rather than left to defaults.
/// </summary>
public static class ServerHardeningExtensions
{
    /// <summary>Section holding <c>TimeoutSeconds</c>: how long SIGTERM waits for in-flight requests.</summary>
    public const string ShutdownSection = "Shutdown";

    // Strict: invalid UTF-8 is a 400 from Kestrel, never replacement characters that could make two
    // different byte strings the same identity.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly SettingRange ShutdownSeconds = new(0, 3600);

    /// <summary>
    /// Decodes request headers as strict UTF-8, so non-ASCII identities work, and sets the shutdown drain
    /// time from <c>Shutdown:TimeoutSeconds</c> (default 25 s, inside Kubernetes' 30 s grace period).
    /// </summary>
    public static IHostApplicationBuilder AddServerHardening(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<KestrelServerOptions>(options => options.RequestHeaderEncodingSelector = _ => StrictUtf8);

        var seconds = builder.Configuration.GetValue($"{ShutdownSection}:TimeoutSeconds", 25);
        if (ShutdownSeconds.Problem($"{ShutdownSection}:TimeoutSeconds", seconds) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(seconds));
        return builder;
    }
}
