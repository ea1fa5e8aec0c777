using DrrsGateway.Infrastructure;
using Microsoft.Extensions.Options;

namespace DrrsGateway.Monitoring;

/// <summary>Refuses monitoring settings the gateway cannot run with, at start-up, naming the setting.</summary>
internal sealed class MonitoringOptionsValidator : IValidateOptions<MonitoringOptions>
{
    private static readonly SettingRange StuckClientSeconds = new(1, MonitoringOptions.MaxStuckClientSeconds);

    public ValidateOptionsResult Validate(string? name, MonitoringOptions options) =>
        StuckClientSeconds.Problem("Monitoring:StuckClientSeconds", options.StuckClientSeconds) is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
}
