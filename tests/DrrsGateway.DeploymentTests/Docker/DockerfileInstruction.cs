namespace DrrsGateway.DeploymentTests.Docker;

/// <summary>One Dockerfile instruction: its keyword in upper case and the rest of the (joined) line.</summary>
internal sealed record DockerfileInstruction(string Keyword, string Arguments);
