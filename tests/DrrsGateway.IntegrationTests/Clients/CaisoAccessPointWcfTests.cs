using System.ServiceModel;
using DrrsGateway.IntegrationTests.Clients.Caiso;
using static DrrsGateway.IntegrationTests.Infrastructure.CaisoWire;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Clients;

/// <summary>
/// A .NET participant's proxy generated from CAISO's WSDLs, calling CAISO's access points through the published
/// gateway in front of the simulator: the refusal must arrive as the typed <c>FaultException&lt;StandardOutput&gt;</c>
/// the proxy declares, or the participant's code reads an untyped fault and never sees CAISO's message.
/// </summary>
public sealed class CaisoAccessPointWcfTests(WcfGatewayFixture fixture) : IClassFixture<WcfGatewayFixture>
{
    private const string Locations = "retrieveDRLocations_v1";
    private const string SubmitLocations = "submitDRLocations_v1";

    [Fact]
    public async Task Retrieve_SecondWithinWindow_ThrowsTypedStandardOutputFault()
    {
        using var client = new CaisoAccessPointClient<IRetrieveDRLocationsV1>(fixture.GatewayAddress, AccessPoint(Locations), NewUser());
        var before = await fixture.Simulator.CallsSoFarAsync();

        var first = await client.Channel.RetrieveDRLocationsAsync(Query());
        var refusal = await Assert.ThrowsAsync<FaultException<StandardOutput>>(() => client.Channel.RetrieveDRLocationsAsync(Query()));

        Assert.Equal("locations", Assert.Single(first.Answer?.Any ?? []).LocalName);
        AssertViolation(refusal);
        Assert.Equal(before + 1, await fixture.Simulator.CallsSoFarAsync());
    }

    [Fact]
    public async Task SubmitDocAttach_ThenPlainAccessPoint_PlainThrowsTypedStandardOutputFault()
    {
        var user = NewUser();
        using var docAttach = new CaisoAccessPointClient<ISubmitDRLocationsV1DocAttach>(fixture.GatewayAddress, AccessPoint(SubmitLocations, docAttach: true), user);
        using var plain = new CaisoAccessPointClient<ISubmitDRLocationsV1>(fixture.GatewayAddress, AccessPoint(SubmitLocations), user);
        var before = await fixture.Simulator.CallsSoFarAsync();

        var receipt = await docAttach.Channel.SubmitDRLocationsAsync(
            new SubmitDRLocationsDocAttachRequest { IsoAttachment = new IsoAttachment { AttachmentValue = Gzip("<DRLocations/>") } });
        var refusal = await Assert.ThrowsAsync<FaultException<StandardOutput>>(() => plain.Channel.SubmitDRLocationsAsync(new SubmitDRLocationsRequest()));

        Assert.Equal("Success", receipt.StandardOutput?.MessagePayload?.EventLog?.Event?.Result);
        AssertViolation(refusal);
        Assert.Equal(before + 1, await fixture.Simulator.CallsSoFarAsync());
    }

    private static RetrieveDRLocationsRequest Query() => new() { RequestDRRegistrationData = new OpenContent() };

    private static void AssertViolation(FaultException<StandardOutput> refusal)
    {
        Assert.Equal(Violation, refusal.Detail.MessagePayload?.EventLog?.Event?.Description);
        Assert.Equal(Violation, refusal.Reason.GetMatchingTranslation().Text);
    }
}
