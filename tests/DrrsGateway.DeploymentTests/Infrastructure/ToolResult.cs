namespace DrrsGateway.DeploymentTests.Infrastructure;

/// <summary>How an external program ended and what it printed.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Error);
