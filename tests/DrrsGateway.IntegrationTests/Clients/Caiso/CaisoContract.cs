namespace DrrsGateway.IntegrationTests.Clients.Caiso;

/// <summary>
/// The names CAISO's DRRS WSDLs give the parts a generated client sees, as constants for its attributes: the
/// namespaces of the request, the inline DocAttach payload and StandardOutput, and the simulator's answer.
/// </summary>
public static class CaisoContract
{
    public const string RequestNamespace = Infrastructure.CaisoWire.RequestNamespace;
    public const string AttachmentNamespace = Infrastructure.CaisoWire.AttachmentNamespace;
    public const string StandardOutputNamespace = Infrastructure.CaisoWire.StandardOutputNamespace;

    /// <summary>Where the simulator's WSDLs put a retrieve's answer, so it is never taken for CAISO data.</summary>
    public const string SimulatorNamespace = "urn:drrs-gateway:simulator";
}
