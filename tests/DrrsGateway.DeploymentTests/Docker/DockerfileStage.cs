namespace DrrsGateway.DeploymentTests.Docker;

/// <summary>A build stage: <c>FROM BaseImage AS Name</c> and the instructions up to the next FROM.</summary>
internal sealed record DockerfileStage(string? Name, string BaseImage, IReadOnlyList<DockerfileInstruction> Instructions)
{
    public IEnumerable<string> Arguments(string keyword) =>
        Instructions.Where(instruction => instruction.Keyword == keyword).Select(instruction => instruction.Arguments);
}
