using System.Xml.Linq;
using DrrsGateway.Simulator.Caiso;

namespace DrrsGateway.Simulator.Operations;

/// <summary>One DRRS operation the simulator answers, and how it builds the content of its response element.</summary>
internal sealed class DrrsOperation
{
    /// <summary>
    /// The namespace of every simulated response, and the target namespace of the simulator's WSDL:
    /// deliberately not a CAISO one, so simulated data is never mistaken for the real thing.
    /// </summary>
    public static readonly XNamespace ResponseNamespace = "urn:drrs-gateway:simulator";

    /// <summary>CAISO's B2B action prefix: the SOAP action of an operation is this followed by its name.</summary>
    public const string ActionPrefix = CaisoNamespaces.ActionPrefix;

    private readonly Func<SimulatedCall, IEnumerable<XElement>> _content;

    public DrrsOperation(string name, DrrsRequestContent requestContent, Func<SimulatedCall, IEnumerable<XElement>> content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(content);
        Name = name;
        RequestContent = requestContent;
        _content = content;
    }

    /// <summary>The canonical, versioned name, e.g. <c>SubmitDRRSLocations_v1</c>; also the name of its request element.</summary>
    public string Name { get; }

    /// <summary>The name of the response element: <c>{Name}Response</c>.</summary>
    public string ResponseName => Name + "Response";

    /// <summary>What the request element may carry.</summary>
    public DrrsRequestContent RequestContent { get; }

    /// <summary>The SOAP action: <c>http://www.caiso.com/soa/{Name}</c>.</summary>
    public string SoapAction => ActionPrefix + Name;

    /// <summary>The WS-Addressing action of the reply: <c>http://www.caiso.com/soa/{Name}Response</c>.</summary>
    public string ReplyAction => ActionPrefix + ResponseName;

    /// <summary>The body element of the response: <c>&lt;{Name}Response&gt;</c>.</summary>
    public XElement Respond(SimulatedCall call) => new(ResponseNamespace + ResponseName, _content(call));
}
