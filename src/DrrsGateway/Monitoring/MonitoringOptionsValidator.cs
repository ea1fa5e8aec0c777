using Microsoft.Extensions.Options;

namespace DrrsGateway.Monitoring;

/// <summary>Refuses monitoring settings the gateway cannot run with, at start-up, naming the setting.</summary>
internal sealed class MonitoringOptionsValidator : IValidateOptions<MonitoringOptions>
{
    public ValidateOptionsResult Validate(string? name, MonitoringOptions options) =>
        options.StuckClientSeconds is < 1 or > MonitoringOptions.MaxStuckClientSeconds
            ? ValidateOptionsResult.Fail($"Monitoring:StuckClientSeconds must be from 1 to {MonitoringOptions.MaxStuckClientSeconds}; it is {options.StuckClientSeconds}.")
            : ValidateOptionsResult.Success;
}
