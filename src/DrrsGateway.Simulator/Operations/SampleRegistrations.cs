using System.Xml.Linq;

namespace DrrsGateway.Simulator.Operations;

/// <summary>The answer to RetrieveDRRSRegistrations: a short, fixed list of made-up registrations.</summary>
internal static class SampleRegistrations
{
    public static IEnumerable<XElement> Content(SimulatedCall call)
    {
        var ns = DrrsOperation.ResponseNamespace;
        yield return new XElement(
            ns + "registrations",
            Registration(ns, "SIM-REG-0001", "SIM_DR_RESOURCE_1", "Active", new DateOnly(2025, 1, 1)),
            Registration(ns, "SIM-REG-0002", "SIM_DR_RESOURCE_2", "Pending", new DateOnly(2025, 6, 1)));
    }

    private static XElement Registration(XNamespace ns, string id, string resourceId, string status, DateOnly startDate) =>
        new(
            ns + "registration",
            new XElement(ns + "registrationId", id),
            new XElement(ns + "resourceId", resourceId),
            new XElement(ns + "status", status),
            new XElement(ns + "startDate", startDate.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
}
