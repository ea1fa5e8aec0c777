using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace DrrsGateway.UnitTests.AcceptableUse.Responses;

/// <summary>CAISO's StandardOutput_v1 schema as issue 19's contract gives it, to validate faults against.</summary>
internal static class StandardOutputSchema
{
    public const string Namespace = "http://www.caiso.com/soa/StandardOutput_v1.xsd#";

    private const string Xsd = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
                   xmlns:so="http://www.caiso.com/soa/StandardOutput_v1.xsd#"
                   targetNamespace="http://www.caiso.com/soa/StandardOutput_v1.xsd#"
                   elementFormDefault="qualified">
          <xs:element name="StandardOutput" type="so:StandardOutput"/>
          <xs:complexType name="StandardOutput">
            <xs:sequence>
              <xs:element name="MessageHeader" type="so:MessageHeader" minOccurs="0"/>
              <xs:element name="MessagePayload" type="so:MessagePayload"/>
            </xs:sequence>
          </xs:complexType>
          <xs:complexType name="MessageHeader">
            <xs:sequence>
              <xs:element name="TimeDate" type="xs:dateTime"/>
              <xs:element name="Source" type="xs:string"/>
              <xs:element name="Version" type="xs:string"/>
            </xs:sequence>
          </xs:complexType>
          <xs:complexType name="MessagePayload">
            <xs:sequence>
              <xs:element name="EventLog" type="so:EventLog"/>
            </xs:sequence>
          </xs:complexType>
          <xs:complexType name="EventLog">
            <xs:sequence>
              <xs:element name="Batch" type="so:Batch" minOccurs="0"/>
              <xs:element name="Event" type="so:Event"/>
              <xs:element name="Service" type="so:Service"/>
            </xs:sequence>
          </xs:complexType>
          <xs:complexType name="Batch">
            <xs:sequence>
              <xs:element name="mRID" type="xs:string"/>
              <xs:element name="creationTime" type="xs:dateTime" minOccurs="0"/>
            </xs:sequence>
          </xs:complexType>
          <xs:complexType name="Event">
            <xs:sequence>
              <xs:element name="creationDateTime" type="xs:dateTime" minOccurs="0"/>
              <xs:element name="description" type="xs:string" minOccurs="0"/>
              <xs:element name="id" type="xs:string"/>
              <xs:element name="result" type="xs:string"/>
            </xs:sequence>
          </xs:complexType>
          <xs:complexType name="Service">
            <xs:sequence>
              <xs:element name="id" type="xs:string"/>
              <xs:element name="name" type="xs:string"/>
            </xs:sequence>
          </xs:complexType>
        </xs:schema>
        """;

    private static readonly XmlSchemaSet Schemas = Compile();

    /// <summary>The schema errors of <paramref name="standardOutput"/>, empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(XElement standardOutput)
    {
        var errors = new List<string>();
        new XDocument(new XElement(standardOutput)).Validate(Schemas, (_, e) => errors.Add(e.Message));
        return errors;
    }

    private static XmlSchemaSet Compile()
    {
        var schemas = new XmlSchemaSet();
        using var reader = XmlReader.Create(new StringReader(Xsd));
        schemas.Add(Namespace, reader);
        schemas.Compile();
        return schemas;
    }
}
