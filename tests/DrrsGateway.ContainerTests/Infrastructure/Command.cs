using System.Diagnostics;
using DrrsGateway.TestSupport;

namespace DrrsGateway.ContainerTests.Infrastructure;

/// <summary>Runs a program to completion from the repository root.</summary>
internal static class Command
{
    public static async Task<CommandResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = StartInfo(program, arguments, environment);
        var text = program + " " + string.Join(' ', start.ArgumentList);
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
            await ProcessTree.KillTreeAsync(process.Id);
            throw new TimeoutException($"`{text}` did not finish within {timeout.TotalSeconds:0} s.");
        }

        return new CommandResult(text, process.ExitCode, await output, await error);
    }

    public static ProcessStartInfo StartInfo(
        string program,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryFiles.Root,
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

    /// <summary>Whether <paramref name="program"/> is on PATH.</summary>
    public static bool IsInstalled(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, program)));
}
