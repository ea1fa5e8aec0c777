using System.Xml.Linq;
using DrrsGateway.Simulator.Caiso;
using DrrsGateway.Simulator.Operations;

namespace DrrsGateway.Simulator.AccessPoints;

/// <summary>One DRRS operation as CAISO names it (either generation), and what its access points answer.</summary>
internal sealed class CaisoOperation
{
    private const string VersionSeparator = "_v";

    private readonly Func<SimulatedCall, IEnumerable<XElement>>? _retrieved;

    /// <param name="name">CAISO's spelling, e.g. <c>retrieveDRLocations_v1</c>.</param>
    /// <param name="request">What the request Body carries.</param>
    /// <param name="retrieved">The canned data of a retrieve; <c>null</c> for a submit, which answers a StandardOutput.</param>
    public CaisoOperation(string name, CaisoRequestKind request, Func<SimulatedCall, IEnumerable<XElement>>? retrieved)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if ((request == CaisoRequestKind.Submission) != (retrieved is null))
        {
            throw new ArgumentException("A submit answers a StandardOutput; every other operation needs its canned data.", nameof(retrieved));
        }

        var separator = name.LastIndexOf(VersionSeparator, StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw new ArgumentException($"'{name}' has no _v<N> version suffix.", nameof(name));
        }

        Name = name;
        BaseName = name[..separator];
        Version = name[(separator + 1)..];
        Request = request;
        _retrieved = retrieved;
    }

    /// <summary>CAISO's spelling, e.g. <c>retrieveDRLocations_v1</c>.</summary>
    public string Name { get; }

    /// <summary>The name without its version, e.g. <c>retrieveDRLocations</c>.</summary>
    public string BaseName { get; }

    /// <summary>The version, e.g. <c>v1</c>.</summary>
    public string Version { get; }

    public CaisoRequestKind Request { get; }

    public bool IsSubmit => Request == CaisoRequestKind.Submission;

    /// <summary>The element a retrieve answers with, in the simulator's own namespace so it is never taken for CAISO data.</summary>
    public XName RetrieveResponseElement => DrrsOperation.ResponseNamespace + (Name + "Response");

    /// <summary>The Body of the answer: the canned data of a retrieve, or a StandardOutput with result Success for a submit.</summary>
    public XElement Respond(SimulatedCall call, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (_retrieved is not null)
        {
            return new XElement(RetrieveResponseElement, _retrieved(call));
        }

        var batchId = Guid.NewGuid().ToString();
        var received = new CaisoEvent(batchId, StandardOutputMessage.SuccessResult, $"{Name} received by the DRRS simulator as batch {batchId}.", serviceName, call.Now);
        return StandardOutputMessage.Build(received, batchId);
    }
}
