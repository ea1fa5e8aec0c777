namespace DrrsGateway.TestSupport;

/// <summary>How a finished external command ended and what it printed.</summary>
public sealed record CommandResult(string Command, int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws, with what the command printed, unless it exited 0.</summary>
    public CommandResult EnsureSuccess() => Succeeded
        ? this
        : throw new InvalidOperationException($"`{Command}` exited {ExitCode}.\n--- stdout ---\n{Tail(Output)}\n--- stderr ---\n{Tail(Error)}");

    // Enough of a build log or a transcript to see why it failed, without flooding the test report.
    private static string Tail(string text) => text.Length <= 6000 ? text : "…" + text[^6000..];
}
