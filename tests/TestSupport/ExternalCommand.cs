using System.Diagnostics;

namespace DrrsGateway.TestSupport;

/// <summary>
/// Runs the external programs the tests drive (javac, promtool, python3, node, bash, buildah, kubectl…):
/// arguments passed as a list (never through a shell), output captured, a deadline that kills it.
/// </summary>
public static class ExternalCommand
{
    /// <summary>A start description with the output redirected; the working folder is the repository root unless given.</summary>
    public static ProcessStartInfo StartInfo(
        string program,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryFiles.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>
    /// Runs <paramref name="program"/> to completion. Past <paramref name="timeout"/> it is killed
    /// (<paramref name="kill"/>, or its whole process tree) and a <see cref="TimeoutException"/> says what it
    /// printed on stderr so far.
    /// </summary>
    public static async Task<CommandResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null,
        Func<Process, Task>? kill = null)
    {
        var start = StartInfo(program, arguments, environment);
        var text = $"{program} {string.Join(' ', start.ArgumentList)}";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"`{text}` did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            if (kill is null)
            {
                process.Kill(entireProcessTree: true);
            }
            else
            {
                await kill(process);
            }

            throw new TimeoutException($"`{text}` did not finish within {timeout.TotalSeconds:0} s. stderr so far: {await error}");
        }

        return new CommandResult(text, process.ExitCode, await output, await error);
    }

    /// <summary>Whether <paramref name="program"/> is on PATH; its full path, or null.</summary>
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
