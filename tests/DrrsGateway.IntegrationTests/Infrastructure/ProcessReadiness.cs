using System.Diagnostics;

namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>Waits for a process the tests started to answer HTTP, failing with its output when it never does.</summary>
internal static class ProcessReadiness
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Polls <c>GET</c> <paramref name="path"/> until it answers 2xx; throws when <paramref name="process"/>
    /// exits first or 30 s pass, with what <paramref name="output"/> says the process printed.
    /// </summary>
    public static async Task WaitUntilAnswersAsync(Process process, string name, Uri address, string path, Func<string> output)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + Limit;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                // Without a timeout, WaitForExit also waits for the redirected output to be read to its end:
                // the last lines (usually the reason it exited) may still be on their way.
                process.WaitForExit();
                throw new InvalidOperationException($"The {name} exited with code {process.ExitCode} at start:{Environment.NewLine}{output()}");
            }

            try
            {
                using var response = await client.GetAsync(path);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"The {name} did not answer {path} within {Limit.TotalSeconds:0} s:{Environment.NewLine}{output()}");
    }
}
