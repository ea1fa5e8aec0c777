namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>One answer a <see cref="RecordingBackend"/> gives instead of its default.</summary>
public sealed record ScriptedAnswer(int StatusCode, string Body, string ContentType = "text/xml; charset=utf-8");
