using DrrsGateway.Simulator.Hosting;

namespace DrrsGateway.Simulator;

/// <summary>
/// Entry point of the simulated DRRS backend: answers the DRRS B2B SOAP operations with canned,
/// plausible responses so the gateway can be run and tested without CAISO.
/// </summary>
/// <remarks>
/// A named class rather than top-level statements: the gateway's tests use the global <c>Program</c>,
/// and a second one would clash.
/// </remarks>
public static class SimulatorProgram
{
    /// <summary>Runs the simulator until the host is stopped.</summary>
    public static void Main(string[] args) => Build(args).Run();

    /// <summary>Composes the simulator without starting it, so tests can choose the address and start it.</summary>
    public static WebApplication Build(string[] args) => Build(args, configureServices: null);

    /// <summary>Composes the simulator; <paramref name="configureServices"/> runs first, so tests can give it a fake clock.</summary>
    internal static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices)
    {
        // appsettings.json travels with the binaries: `dotnet run --project` from the repository root and a
        // container's working directory must find the same settings.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.UseDefaultSimulatorUrl();
        configureServices?.Invoke(builder.Services);
        builder.AddDrrsSimulator();

        var app = builder.Build();
        app.MapDrrsSimulator();
        return app;
    }
}
