using System.Xml.Linq;

namespace DrrsGateway.Simulator.Operations;

/// <summary>One DRRS operation the simulator answers, and how it builds the content of its response element.</summary>
internal sealed class DrrsOperation
{
    /// <summary>
    /// The namespace of every simulated response: deliberately not a CAISO one, so simulated data is
    /// never mistaken for the real thing.
    /// </summary>
    public static readonly XNamespace ResponseNamespace = "urn:drrs-gateway:simulator";

    private readonly Func<SimulatedCall, IEnumerable<XElement>> _content;

    public DrrsOperation(string name, Func<SimulatedCall, IEnumerable<XElement>> content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(content);
        Name = name;
        _content = content;
    }

    /// <summary>The canonical, versioned name, e.g. <c>SubmitDRRSLocations_v1</c>.</summary>
    public string Name { get; }

    /// <summary>The body element of the response: <c>&lt;{Name}Response&gt;</c>.</summary>
    public XElement Respond(SimulatedCall call) => new(ResponseNamespace + (Name + "Response"), _content(call));
}
