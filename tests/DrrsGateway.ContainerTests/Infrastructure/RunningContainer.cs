using System.Collections.Concurrent;
using System.Diagnostics;
using DrrsGateway.TestSupport;

namespace DrrsGateway.ContainerTests.Infrastructure;

/// <summary>
/// An image running as an engine runs it: a working container (`buildah from`), the image's entrypoint
/// started in it with chroot isolation (`buildah run`), as the image's user, with the image's environment
/// plus the options'. Disposing kills what still runs and removes the container.
/// </summary>
internal sealed class RunningContainer : IAsyncDisposable
{
    private static readonly TimeSpan AppStartTimeout = TimeSpan.FromSeconds(30);

    private readonly Buildah _buildah;
    private readonly ContainerOptions _options;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly string _appName;

    private RunningContainer(Buildah buildah, string container, ImageConfig image, ContainerOptions options, Process process, string appName)
    {
        _buildah = buildah;
        Name = container;
        Image = image;
        _options = options;
        _process = process;
        _appName = appName;
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) { _output.Enqueue(line.Data); } };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { _errors.Enqueue(line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public ImageConfig Image { get; }

    /// <summary>What the application wrote to standard output, a line each.</summary>
    public IReadOnlyList<string> OutputLines => [.. _output];

    /// <summary>What it and buildah wrote to standard error.</summary>
    public string Errors => string.Join('\n', _errors);

    public bool HasExited => _process.HasExited;

    public static async Task<RunningContainer> StartAsync(Buildah buildah, string image, ContainerOptions options)
    {
        var config = await buildah.InspectImageAsync(image);
        var command = options.CommandOverride ?? config.StartCommand;
        if (command.Count == 0)
        {
            throw new InvalidOperationException($"{image} names no entrypoint or command.");
        }

        var container = await buildah.CreateContainerAsync(image, options.Hosts);
        var (program, arguments) = InNetwork(options, RunArguments(container, options.Environment, command));
        var start = Command.StartInfo(program, arguments, buildah.Environment);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"buildah run {image} did not start.");
        return new RunningContainer(buildah, container, config, options, process, Path.GetFileName(command[0]));
    }

    /// <summary>The application's process id (a descendant of `buildah run`), once it has started.</summary>
    public async Task<int> AppProcessIdAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < AppStartTimeout)
        {
            if (ProcessTree.DescendantsNamed(_process.Id, _appName) is [var pid, ..])
            {
                return pid;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The container exited ({_process.ExitCode}) before {_appName} started:\n{Errors}");
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{_appName} did not start in the container within {AppStartTimeout.TotalSeconds} s:\n{Errors}");
    }

    /// <summary>Sends SIGTERM to the application, as `docker stop` does.</summary>
    public async Task StopAsync() => await ProcessTree.TerminateAsync(await AppProcessIdAsync());

    /// <summary>The container's exit code (the application's), or a timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The container did not exit within {timeout.TotalSeconds} s.");
        }

        return _process.ExitCode;
    }

    /// <summary>
    /// Runs <paramref name="command"/> inside the container, with its environment and network, as
    /// `docker exec` does (and as an engine runs the HEALTHCHECK).
    /// </summary>
    public Task<CommandResult> ExecAsync(IReadOnlyList<string> command, TimeSpan timeout)
    {
        var (program, arguments) = InNetwork(_options, RunArguments(Name, _options.Environment, command));
        return Command.RunAsync(program, arguments, timeout, _buildah.Environment);
    }

    /// <summary>The image's own HEALTHCHECK, read from its configuration, run within its own timeout.</summary>
    public Task<CommandResult> HealthcheckAsync()
    {
        if (Image.HealthcheckCommand.Count == 0)
        {
            throw new InvalidOperationException("The image has no HEALTHCHECK.");
        }

        // buildah's start-up inside the container is not the check's own time: leave it some.
        return ExecAsync(Image.HealthcheckCommand, Image.HealthcheckTimeout + TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await ProcessTree.KillTreeAsync(_process.Id);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await _buildah.RemoveContainerAsync(Name);
    }

    // buildah itself, or buildah inside the options' network namespace.
    private static (string Program, string[] Arguments) InNetwork(ContainerOptions options, IEnumerable<string> buildahArguments) =>
        options.NetworkNamespace is null
            ? ("buildah", [.. buildahArguments])
            : (NetworkNamespace.Program, NetworkNamespace.Arguments(options.NetworkNamespace, ["buildah", .. buildahArguments]));

    private static IEnumerable<string> RunArguments(string container, IReadOnlyDictionary<string, string> environment, IEnumerable<string> command)
    {
        yield return "run";
        yield return "--isolation";
        yield return "chroot";
        foreach (var (name, value) in environment)
        {
            yield return "--env";
            yield return $"{name}={value}";
        }

        yield return container;
        yield return "--";
        foreach (var argument in command)
        {
            yield return argument;
        }
    }
}
