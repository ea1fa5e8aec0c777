namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>How a finished peer process (javac, wsgen, a client script) ended.</summary>
internal sealed record PeerProcessResult(string Command, int ExitCode, string Output, string Error)
{
    /// <summary>Throws with the whole transcript when the process failed.</summary>
    public PeerProcessResult EnsureSuccess() => ExitCode == 0
        ? this
        : throw new InvalidOperationException($"{Command} exited with {ExitCode}.{Environment.NewLine}stdout: {Output}{Environment.NewLine}stderr: {Error}");
}
