using DrrsGateway.AcceptableUse.Settings;
using Microsoft.Extensions.Logging.Abstractions;

namespace DrrsGateway.UnitTests;

/// <summary>Policies for unit tests, built from options the way the gateway builds them.</summary>
internal static class TestPolicy
{
    public static AupPolicyBuilder Builder { get; } = new(TimeProvider.System, NullLoggerFactory.Instance);

    /// <summary>The shipped policy.</summary>
    public static AupPolicy Default { get; } = From(new AupOptions());

    /// <summary>The policy of <paramref name="options"/>, which must be valid.</summary>
    public static AupPolicy From(AupOptions options) =>
        Builder.TryBuild(options, out var policy, out var failures)
            ? policy
            : throw new InvalidOperationException($"The test's options do not build a policy: {string.Join("; ", failures)}");
}
