using System.Xml.Linq;

namespace DrrsGateway.Simulator.Soap;

/// <summary>What the root part of a multipart request yielded: its envelope and SOAP 1.2 action, or why there is none.</summary>
/// <param name="Envelope">The envelope; <c>null</c> when the part is not well-formed XML or there is no root part.</param>
/// <param name="Action">The action the root part's own Content-Type names, if any.</param>
/// <param name="Problem">Why no root part could be read; <c>null</c> when one was.</param>
internal sealed record MultipartRootPart(XDocument? Envelope, string? Action, string? Problem);
