using System.Xml.Linq;
using DrrsGateway.Simulator.Caiso;

namespace DrrsGateway.Simulator.AccessPoints;

/// <summary>
/// One named access point of an operation, plain or DocAttach, and the names its WSDL gives it: the access
/// point decides which operation runs, as CAISO's front does.
/// </summary>
internal sealed class AccessPoint
{
    /// <summary>Where CAISO puts DRRS's access points.</summary>
    public const string BasePath = "/sst/drrs";

    /// <summary>What the DocAttach variant appends to the operation's name and SOAP action.</summary>
    public const string DocAttachSuffix = "_DocAttach";

    public AccessPoint(CaisoOperation operation, bool isDocAttach)
    {
        ArgumentNullException.ThrowIfNull(operation);
        Operation = operation;
        IsDocAttach = isDocAttach;
        var suffix = isDocAttach ? DocAttachSuffix : string.Empty;
        Designation = operation.Name + suffix;
        Name = $"{char.ToUpperInvariant(operation.BaseName[0])}{operation.BaseName[1..]}_DRRS{operation.Version}{suffix}_AP";
        PortName = $"{operation.BaseName}{suffix}ServicePort";
    }

    public CaisoOperation Operation { get; }

    public bool IsDocAttach { get; }

    /// <summary>The last path segment, e.g. <c>RetrieveDRLocations_DRRSv1_DocAttach_AP</c>.</summary>
    public string Name { get; }

    /// <summary>The path, e.g. <c>/sst/drrs/RetrieveDRLocations_DRRSv1_AP</c>.</summary>
    public string Path => $"{BasePath}/{Name}";

    /// <summary>The operation's name as this access point's WSDL spells it: <c>&lt;op&gt;</c>, or <c>&lt;op&gt;_DocAttach</c>.</summary>
    public string Designation { get; }

    /// <summary>The SOAP action: <c>http://www.caiso.com/soa/{Designation}</c>.</summary>
    public string SoapAction => CaisoNamespaces.ActionPrefix + Designation;

    /// <summary>The WS-Addressing action of a reply, for callers that send WS-Addressing.</summary>
    public string ReplyAction => SoapAction + "Response";

    /// <summary>The WSDL's target namespace: <c>http://www.caiso.com/soa/{Designation}.wsdl</c>.</summary>
    public XNamespace TargetNamespace => CaisoNamespaces.ActionPrefix + Designation + ".wsdl";

    /// <summary>The WSDL's service: <c>{Designation}Service</c>.</summary>
    public string ServiceName => Designation + "Service";

    /// <summary>The WSDL's port, e.g. <c>retrieveDRLocationsServicePort</c> or <c>retrieveDRLocations_DocAttachServicePort</c>.</summary>
    public string PortName { get; }

    /// <summary>The request Body element; <c>null</c> for a plain submit, whose Body is empty.</summary>
    public XName? RequestElement => Operation.Request switch
    {
        CaisoRequestKind.RegistrationDataQuery => CaisoNamespaces.RequestDRRegistrationData + "RequestDRRegistrationData",
        CaisoRequestKind.BatchStatusQuery => CaisoNamespaces.BatchValidationStatus + "BatchValidationStatus",
        _ when IsDocAttach => CaisoNamespaces.IsoAttachment + "ISOAttachment",
        _ => null,
    };

    /// <summary>The response Body element: the retrieve's canned data, or a submit's StandardOutput.</summary>
    public XName ResponseElement => Operation.IsSubmit ? CaisoNamespaces.StandardOutput + "StandardOutput" : Operation.RetrieveResponseElement;

    /// <summary>
    /// True when a SOAP action's last part (see <see cref="Soap.SoapHeaders.LastActionPart"/>) names this
    /// operation, plain or DocAttach; an absent action leaves the choice to the access point.
    /// </summary>
    public bool Accepts(string? actionName) =>
        actionName is null
        || actionName.Equals(Operation.Name, StringComparison.OrdinalIgnoreCase)
        || actionName.Equals(Operation.Name + DocAttachSuffix, StringComparison.OrdinalIgnoreCase);
}
