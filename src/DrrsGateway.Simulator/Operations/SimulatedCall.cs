using System.Xml.Linq;

namespace DrrsGateway.Simulator.Operations;

/// <summary>What an operation's canned answer may draw on: the request body (if it parsed) and the time of the call.</summary>
internal sealed record SimulatedCall(XDocument? Body, DateTimeOffset Now);
