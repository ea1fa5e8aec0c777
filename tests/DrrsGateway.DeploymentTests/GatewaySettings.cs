using System.Reflection;
using System.Text.RegularExpressions;
using DrrsGateway.AcceptableUse;
using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.AcceptableUse.Stores.Redis;
using DrrsGateway.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DrrsGateway.DeploymentTests;

/// <summary>
/// What the gateway reads from its environment. A variable the gateway does not read is a silent no-op in
/// production (a misspelt <c>Aup__WindowSecond</c> leaves the default in force), so deployments may only set these.
/// </summary>
internal static partial class GatewaySettings
{
    private const string Separator = "__";

    // Sections owned by other libraries (YARP, Serilog), whose keys are open-ended: checked by prefix only.
    private static readonly string[] OpenSections = ["ReverseProxy__", "Serilog__"];

    private static readonly string[] ExactNames =
    [
        "ConnectionStrings__" + AupServiceCollectionExtensions.RedisConnectionName,
        "Admin__ApiKey",
        "Management__Port",
        "Health__ReadinessRequiresStore",
        "Health__ReadinessTimeoutMilliseconds",
        "RequestLog__Level",
    ];

    // Read by the .NET host itself, before any app setting, and by the OpenTelemetry SDK (OTEL_EXPORTER_OTLP_ENDPOINT, ...).
    private static readonly string[] HostPrefixes = ["ASPNETCORE_", "DOTNET_", "OTEL_"];

    /// <summary>Whether the gateway reads <paramref name="name"/>.</summary>
    public static bool IsSetting(string name)
    {
        var aupPrefix = AupOptions.SectionName + Separator;
        if (name.StartsWith(aupPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return IsOptionsPath(typeof(AupOptions), name[aupPrefix.Length..].Split(Separator));
        }

        var monitoringPrefix = MonitoringOptions.SectionName + Separator;
        if (name.StartsWith(monitoringPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return IsOptionsPath(typeof(MonitoringOptions), name[monitoringPrefix.Length..].Split(Separator));
        }

        var tlsPrefix = RedisTlsOptions.SectionName.Replace(ConfigurationPath.KeyDelimiter, Separator, StringComparison.Ordinal) + Separator;
        if (name.StartsWith(tlsPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return IsOptionsPath(typeof(RedisTlsOptions), name[tlsPrefix.Length..].Split(Separator));
        }

        return ExactNames.Contains(name, StringComparer.OrdinalIgnoreCase)
            || OpenSections.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && name.Length > prefix.Length)
            || HostPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>
    /// The variables that are neither settings nor helpers. A helper (say <c>REDIS_PASSWORD</c>) exists only to
    /// be expanded by Kubernetes' <c>$(NAME)</c> into a setting's value, so it counts when a value uses it.
    /// </summary>
    public static IReadOnlyList<string> Unknown(IReadOnlyDictionary<string, string?> environment)
    {
        var referenced = environment.Values
            .SelectMany(value => KubernetesReference().Matches(value ?? "").Select(match => match.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        return [.. environment.Keys.Where(name => !IsSetting(name) && !referenced.Contains(name)).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Runs the <c>Aup__*</c> variables through the gateway's own settings pipeline (binding, then building the
    /// policy as at start-up); throws <see cref="OptionsValidationException"/> where the gateway would refuse to start.
    /// </summary>
    public static AupPolicy BuildAupPolicy(IReadOnlyDictionary<string, string?> environment)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        // Only the policy's section: a Redis connection string would wire a store these tests never open.
        builder.Configuration.AddInMemoryCollection(environment
            .Where(variable => variable.Key.StartsWith(AupOptions.SectionName + Separator, StringComparison.OrdinalIgnoreCase))
            .Select(variable => KeyValuePair.Create(variable.Key.Replace(Separator, ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), variable.Value)));
        builder.AddAcceptableUsePolicy();
        using var host = builder.Build();
        return host.Services.GetRequiredService<AupPolicyProvider>().Current;
    }

    // Walks Aup__Identity__TrustedHeader down AupOptions.Identity.TrustedHeader, as the configuration binder
    // would (case-insensitively); the last segment must be a value, not a nested options object.
    private static bool IsOptionsPath(Type type, ReadOnlySpan<string> segments)
    {
        var property = type.GetProperty(segments[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null || property.SetMethod is not { IsPublic: true })
        {
            return false;
        }

        var isOptionsObject = property.PropertyType.IsClass && property.PropertyType.Assembly == typeof(AupOptions).Assembly;
        return segments.Length == 1 ? !isOptionsObject : isOptionsObject && IsOptionsPath(property.PropertyType, segments[1..]);
    }

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex KubernetesReference();
}
