using DrrsGateway.Infrastructure;
using Microsoft.Extensions.Options;

namespace DrrsGateway.Management;

/// <summary>Refuses readiness settings the gateway cannot run with, at start-up, naming the setting.</summary>
internal sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    private static readonly SettingRange ReadinessTimeout = new(1, 30_000);

    public ValidateOptionsResult Validate(string? name, HealthOptions options) =>
        ReadinessTimeout.Problem("Health:ReadinessTimeoutMilliseconds", options.ReadinessTimeoutMilliseconds) is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
}
