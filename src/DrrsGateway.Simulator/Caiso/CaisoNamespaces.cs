using System.Xml.Linq;

namespace DrrsGateway.Simulator.Caiso;

/// <summary>The XML namespaces of CAISO's B2B messages, spelled as CAISO's WSDLs spell them (trailing <c>#</c> included).</summary>
internal static class CaisoNamespaces
{
    /// <summary>StandardOutput v1: the answer of a submit and the detail of every fault.</summary>
    public static readonly XNamespace StandardOutput = "http://www.caiso.com/soa/StandardOutput_v1.xsd#";

    /// <summary>The older StandardOutput generation, where CAISO's Python helper reads a fault's description.</summary>
    public static readonly XNamespace LegacyStandardOutput = "http://www.caiso.com/soa/2006-06-13/StandardOutput.xsd";

    /// <summary>The request of the location and registration retrieves.</summary>
    public static readonly XNamespace RequestDRRegistrationData = "http://www.caiso.com/soa/RequestDRRegistrationData_v1.xsd#";

    /// <summary>The request of the batch status retrieves.</summary>
    public static readonly XNamespace BatchValidationStatus = "http://www.caiso.com/soa/BatchValidationStatus_v1.xsd#";

    /// <summary>The inline payload of a DocAttach submit.</summary>
    public static readonly XNamespace IsoAttachment = "http://www.caiso.com/soa/2006-10-26/ISOAttachment.xsd";

    /// <summary>CAISO's B2B action prefix: an operation's SOAP action is this followed by its name.</summary>
    public const string ActionPrefix = "http://www.caiso.com/soa/";
}
