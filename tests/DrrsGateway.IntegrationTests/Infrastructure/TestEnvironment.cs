using System.Runtime.CompilerServices;

namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>Process-wide settings for the integration tests, applied before any test runs.</summary>
internal static class TestEnvironment
{
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "Must run before any host is built.")]
    internal static void Initialize()
    {
        // Dozens of in-process hosts each watching appsettings.json would exhaust the machine's inotify
        // instances (128 per user by default) and fail start-ups at random.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
    }
}
