using System.Net;
using System.Net.Sockets;
using System.Text;
using DrrsGateway.DeploymentTests.Infrastructure;
using DrrsGateway.TestSupport;
using Xunit.Abstractions;

namespace DrrsGateway.DeploymentTests.Docker;

/// <summary>
/// The container health check (bash and /dev/tcp, as the aspnet image has no curl) against a local listener
/// playing the app. Needs bash; where there is none the tests say so and pass.
/// </summary>
public sealed class HealthcheckScriptTests(ITestOutputHelper output)
{
    private const string Script = "deploy/docker/healthcheck.sh";

    [Theory]
    [InlineData("200 OK", 0)]
    [InlineData("503 Service Unavailable", 1)]
    public async Task Healthcheck_AppAnswers_ExitCodeFollowsStatus(string status, int expectedExitCode)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var requestLine = AnswerOnceAsync(listener, status);

        var result = Run(new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (result is null)
        {
            return;
        }

        Assert.Equal(expectedExitCode, result.ExitCode);
        Assert.Equal($"GET {DeploymentConventions.LivenessPath} HTTP/1.1", await requestLine.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Healthcheck_AspNetCoreUrlsWithoutPlainHttp_FailsSayingWhy()
    {
        var result = Run(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = "https://0.0.0.0:8443" });

        Assert.NotEqual(0, result?.ExitCode ?? 1);
        Assert.Contains("Management__Port", result?.Error ?? "Management__Port", StringComparison.Ordinal);
    }

    [Fact]
    public void Healthcheck_NothingListening_Fails()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = Run(new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.NotEqual(0, result?.ExitCode ?? 1);
    }

    // The main port points nowhere ("1"): only the port the setting names can answer. ASPNETCORE_URLS wins over
    // ASPNETCORE_HTTP_PORTS in ASP.NET Core, and so in the check; Management__Port wins over both.
    [Theory]
    [InlineData("Management__Port", "{0}")]
    [InlineData("ASPNETCORE_URLS", "http://0.0.0.0:{0}")]
    [InlineData("ASPNETCORE_URLS", "https://+:1;http://+:{0}")]
    [InlineData("ASPNETCORE_URLS", "http://[::]:{0}/base")]
    public async Task Healthcheck_PortGivenBySetting_ProbesThatPort(string setting, string value)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var requestLine = AnswerOnceAsync(listener, "200 OK");

        var result = Run(new Dictionary<string, string>
        {
            ["ASPNETCORE_HTTP_PORTS"] = "1",
            [setting] = string.Format(System.Globalization.CultureInfo.InvariantCulture, value, port),
        });
        if (result is null)
        {
            return;
        }

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("GET ", await requestLine.WaitAsync(TimeSpan.FromSeconds(10)), StringComparison.Ordinal);
    }

    private CommandResult? Run(Dictionary<string, string> environment)
    {
        environment["HEALTHCHECK_HOST"] = "127.0.0.1";
        var result = ExternalTool.TryRun("bash", [RepositoryFiles.PathOf(Script), DeploymentConventions.LivenessPath], environment, TimeSpan.FromSeconds(30));
        if (result is null)
        {
            output.WriteLine("skipped: bash is not installed");
        }
        else
        {
            output.WriteLine($"exit {result.ExitCode}; stderr: {result.Error}");
        }

        return result;
    }

    // Reads one request head, answers with the given status and returns the request line.
    private static async Task<string> AnswerOnceAsync(TcpListener listener, string status)
    {
        using var client = await listener.AcceptTcpClientAsync();
        using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        var requestLine = await reader.ReadLineAsync() ?? "";
        while (!string.IsNullOrEmpty(await reader.ReadLineAsync()))
        {
        }

        var response = Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(response);
        return requestLine;
    }
}
