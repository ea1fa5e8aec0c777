using Microsoft.Extensions.Options;

namespace DrrsGateway.Management;

/// <summary>Refuses readiness settings the gateway cannot run with, at start-up, naming the setting.</summary>
internal sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options) =>
        options.ReadinessTimeoutMilliseconds is < 1 or > 30_000
            ? ValidateOptionsResult.Fail($"Health:ReadinessTimeoutMilliseconds must be from 1 to 30000; it is {options.ReadinessTimeoutMilliseconds}.")
            : ValidateOptionsResult.Success;
}
