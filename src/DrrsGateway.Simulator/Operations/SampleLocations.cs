using System.Xml.Linq;

namespace DrrsGateway.Simulator.Operations;

/// <summary>The answer to RetrieveDRRSLocations: a short, fixed list of made-up locations.</summary>
internal static class SampleLocations
{
    public static IEnumerable<XElement> Content(SimulatedCall call)
    {
        var ns = DrrsOperation.ResponseNamespace;
        yield return new XElement(
            ns + "locations",
            Location(ns, "SIM-LOC-0001", "Simulated Office Park", "SLAP_PGEB", "Active"),
            Location(ns, "SIM-LOC-0002", "Simulated Cold Storage", "SLAP_SCEW", "Active"),
            Location(ns, "SIM-LOC-0003", "Simulated Pumping Station", "SLAP_SDG1", "Pending"));
    }

    private static XElement Location(XNamespace ns, string id, string name, string subLap, string status) =>
        new(
            ns + "location",
            new XElement(ns + "locationId", id),
            new XElement(ns + "name", name),
            new XElement(ns + "subLap", subLap),
            new XElement(ns + "status", status));
}
