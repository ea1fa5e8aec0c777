using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using DrrsGateway.TestSupport;

namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A real Prometheus process on a free loopback port, scraping one gateway as job <see cref="Job"/> every
/// <see cref="Interval"/> and evaluating the given rule files as often; storage in a temporary folder,
/// removed with the process on dispose.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    /// <summary>The job the shipped rules and dashboard select.</summary>
    public const string Job = "drrs-gateway";

    /// <summary>Scrape and rule evaluation interval: short, so tests wait seconds rather than minutes.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Process _process;
    private readonly string _directory;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly HttpClient _client;

    private PrometheusServer(Process process, string directory, Uri address)
    {
        _process = process;
        _directory = directory;
        _client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>Everything Prometheus wrote, for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>Starts Prometheus scraping <paramref name="target"/> (host:port) and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(string target, params string[] ruleFiles)
    {
        var executable = PrometheusTools.Prometheus;
        var directory = Directory.CreateTempSubdirectory("drrs-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        var interval = $"{Interval.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s";
        await File.WriteAllLinesAsync(config,
        [
            "global:",
            $"  scrape_interval: {interval}",
            $"  scrape_timeout: {interval}",
            $"  evaluation_interval: {interval}",
            "rule_files:",
            .. ruleFiles.Select(file => $"  - {JsonSerializer.Serialize(file)}"),
            "scrape_configs:",
            $"  - job_name: {Job}",
            "    static_configs:",
            $"      - targets: [{JsonSerializer.Serialize(target)}]",
        ]);

        var port = FreePort.Next();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in new[]
        {
            $"--config.file={config}",
            $"--storage.tsdb.path={Path.Combine(directory, "data")}",
            $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var server = new PrometheusServer(process, directory, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
        process.OutputDataReceived += (_, e) => server.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => server.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ProcessReadiness.WaitUntilAnswersAsync(process, "prometheus", server._client.BaseAddress!, "-/ready", () => server.Output);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Evaluates <paramref name="expression"/> now; throws with Prometheus' error when it fails.</summary>
    public async Task<JsonElement> QueryAsync(string expression)
    {
        using var response = await _client.PostAsync("api/v1/query", new FormUrlEncodedContent([KeyValuePair.Create("query", expression)]));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"Prometheus refused {expression}: {body.GetProperty("error").GetString()}");
        }

        return body.GetProperty("data").GetProperty("result");
    }

    /// <summary>The alerts Prometheus has now, pending or firing, by name.</summary>
    public async Task<IReadOnlyList<(string Name, string State, DateTimeOffset ActiveAt)>> AlertsAsync()
    {
        var body = await _client.GetFromJsonAsync<JsonElement>("api/v1/alerts");
        return [.. body.GetProperty("data").GetProperty("alerts").EnumerateArray().Select(alert => (
            alert.GetProperty("labels").GetProperty("alertname").GetString()!,
            alert.GetProperty("state").GetString()!,
            alert.GetProperty("activeAt").GetDateTimeOffset()))];
    }

    /// <summary>The loaded rules with their health ("ok", "err", "unknown") and last error.</summary>
    public async Task<IReadOnlyList<(string Name, string Health, string? Error)>> RulesAsync()
    {
        var body = await _client.GetFromJsonAsync<JsonElement>("api/v1/rules");
        return [.. body.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(group => group.GetProperty("rules").EnumerateArray())
            .Select(rule => (
                rule.GetProperty("name").GetString()!,
                rule.GetProperty("health").GetString()!,
                rule.TryGetProperty("lastError", out var error) ? error.GetString() : null))];
    }

    /// <summary>Waits until a scrape of the gateway that began after now has been stored.</summary>
    public async Task WaitForFreshScrapeAsync()
    {
        var since = DateTimeOffset.UtcNow;
        await GatewayRequests.EventuallyAsync(async () =>
        {
            var body = await _client.GetFromJsonAsync<JsonElement>("api/v1/targets?state=active");
            return body.GetProperty("data").GetProperty("activeTargets").EnumerateArray().Any(target =>
                target.GetProperty("health").GetString() == "up" && target.GetProperty("lastScrape").GetDateTimeOffset() > since);
        }, $"Prometheus scraped the gateway again.{Environment.NewLine}{Output}", TimeSpan.FromSeconds(20));
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
