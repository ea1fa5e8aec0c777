using System.Globalization;
using System.Xml.Linq;
using DrrsGateway.AcceptableUse.Responses;
using Microsoft.Extensions.Time.Testing;
using static DrrsGateway.UnitTests.AcceptableUse.Responses.SoapFaultWrite;

namespace DrrsGateway.UnitTests.AcceptableUse.Responses;

public sealed class StandardOutputDetailTests
{
    // CAISO's text to the letter, written out here so a change to the one copy in AupMessages shows.
    private const string CaisoMessage =
        "CAISO DRRS Acceptable Use Policy Violation. Please retry your request again in 30 seconds from now. Note: Time resets each time you request before expiration.";

    private const string Service = "retrievedrlocations_v1";

    private static readonly XNamespace So = StandardOutputSchema.Namespace;
    private static readonly XNamespace Legacy = "http://www.caiso.com/soa/2006-06-13/StandardOutput.xsd";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 18, 40, 0, 123, TimeSpan.FromHours(-8)));

    public static TheoryData<string> Versions => new() { "1.1", "1.2" };

    public static TheoryData<string, string> VersionsAndKinds
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var version in new[] { "1.1", "1.2" })
            {
                foreach (var kind in Enum.GetNames<RefusalKind>())
                {
                    data.Add(version, kind);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task WriteAsync_Violation_FirstDetailEntryIsStandardOutput(string version)
    {
        var entries = await DetailAsync(version, Violation());

        Assert.Equal(So + "StandardOutput", entries[0].Name);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task WriteAsync_Violation_EventChildrenFollowTheSchemaOrder(string version)
    {
        var entries = await DetailAsync(version, Violation());

        var names = Event(entries[0]).Elements().Select(e => e.Name).ToArray();
        Assert.Equal([So + "creationDateTime", So + "description", So + "id", So + "result"], names);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task WriteAsync_Violation_DescriptionIsCaisoMessage(string version)
    {
        var entries = await DetailAsync(version, Violation());

        Assert.Equal(CaisoMessage, Event(entries[0]).Element(So + "description")!.Value);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task WriteAsync_Violation_CreationDateTimeIsTheClocksTimeInUtcWithMilliseconds(string version)
    {
        var entries = await DetailAsync(version, Violation());

        var text = Event(entries[0]).Element(So + "creationDateTime")!.Value;
        Assert.Equal("2026-12-04T02:40:00.123Z", text);
        Assert.Equal(_clock.GetUtcNow(), DateTimeOffset.Parse(text, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task WriteAsync_RepeatedRefusal_EachResponseCarriesItsOwnTime()
    {
        var responder = new Soap11FaultResponder(_clock);
        var (_, first) = await WriteAsync(responder, Violation());
        _clock.Advance(TimeSpan.FromMilliseconds(1_234));
        var (_, second) = await WriteAsync(responder, Violation());

        Assert.Equal("2026-12-04T02:40:00.123Z", CreationDateTime(first));
        Assert.Equal("2026-12-04T02:40:01.357Z", CreationDateTime(second));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task WriteAsync_Violation_SecondDetailEntryIsOutputDataTypeWithTheDescription(string version)
    {
        var entries = await DetailAsync(version, Violation());

        Assert.Equal(2, entries.Count);
        Assert.Equal(Legacy + "outputDataType", entries[1].Name);
        var legacyEvent = entries[1].Element(Legacy + "EventLog")!.Element(Legacy + "Event")!;
        Assert.Equal(CaisoMessage, legacyEvent.Element(Legacy + "description")!.Value);
        Assert.Equal(Event(entries[0]).Element(So + "id")!.Value, legacyEvent.Element(Legacy + "id")!.Value);
        Assert.Equal(Event(entries[0]).Element(So + "result")!.Value, legacyEvent.Element(Legacy + "result")!.Value);
    }

    [Fact]
    public async Task WriteAsync_Soap12Violation_DetailFollowsCodeAndReason()
    {
        var (_, body) = await WriteAsync(new Soap12FaultResponder(_clock), Violation());

        var fault = body.Root!.Element(Soap12 + "Body")!.Element(Soap12 + "Fault")!;
        Assert.Equal([Soap12 + "Code", Soap12 + "Reason", Soap12 + "Detail"], fault.Elements().Select(e => e.Name).ToArray());
    }

    [Theory]
    [MemberData(nameof(VersionsAndKinds))]
    public async Task WriteAsync_AnyKind_StandardOutputIsValidAgainstTheSchema(string version, string kind)
    {
        var entries = await DetailAsync(version, new Refusal(Enum.Parse<RefusalKind>(kind), "problem </detail> & \u0001", null) { Service = Service });

        Assert.Empty(StandardOutputSchema.Validate(entries[0]));
    }

    [Fact]
    public async Task WriteAsync_KnownService_IsTheServiceIdAndNameAsCaisoSpellsIt()
    {
        var entries = await DetailAsync("1.1", Violation());

        var service = ServiceOf(entries[0]);
        Assert.Equal(("retrieveDRLocations_v1", "retrieveDRLocations_v1"), (service.Element(So + "id")!.Value, service.Element(So + "name")!.Value));
    }

    [Fact]
    public async Task WriteAsync_NoService_IsNamedUnknown()
    {
        var entries = await DetailAsync("1.1", Refusal.Unidentified);

        var service = ServiceOf(entries[0]);
        Assert.Equal(("unknown", "unknown"), (service.Element(So + "id")!.Value, service.Element(So + "name")!.Value));
    }

    [Fact]
    public async Task WriteAsync_EachKind_CarriesItsOwnIdAndResult()
    {
        var events = new List<(string Id, string Result)>();
        foreach (var kind in Enum.GetValues<RefusalKind>())
        {
            var entries = await DetailAsync("1.1", new Refusal(kind, "problem", null));
            var written = Event(entries[0]);
            events.Add((written.Element(So + "id")!.Value, written.Element(So + "result")!.Value));
        }

        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal(events.Count, events.Select(e => e.Result).Distinct().Count());
        Assert.Contains(("AUP-VIOLATION", "Rejected"), events);
    }

    [Fact]
    public void Validate_EventChildrenOutOfOrder_ReportsAnError()
    {
        var standardOutput = new XElement(So + "StandardOutput",
            new XElement(So + "MessagePayload",
                new XElement(So + "EventLog",
                    new XElement(So + "Event", new XElement(So + "id", "x"), new XElement(So + "description", "d"), new XElement(So + "result", "r")),
                    new XElement(So + "Service", new XElement(So + "id", "s"), new XElement(So + "name", "s")))));

        Assert.NotEmpty(StandardOutputSchema.Validate(standardOutput));
    }

    private static Refusal Violation() => Refusal.Violation(30) with { Service = Service };

    private static XElement Event(XElement standardOutput) =>
        standardOutput.Element(So + "MessagePayload")!.Element(So + "EventLog")!.Element(So + "Event")!;

    private static XElement ServiceOf(XElement standardOutput) =>
        standardOutput.Element(So + "MessagePayload")!.Element(So + "EventLog")!.Element(So + "Service")!;

    private static string CreationDateTime(XDocument body) =>
        Event(DetailEntries(body)[0]).Element(So + "creationDateTime")!.Value;

    private async Task<IReadOnlyList<XElement>> DetailAsync(string version, Refusal refusal)
    {
        RefusalResponder responder = version == "1.1" ? new Soap11FaultResponder(_clock) : new Soap12FaultResponder(_clock);
        var (_, body) = await WriteAsync(responder, refusal);
        return DetailEntries(body);
    }
}
