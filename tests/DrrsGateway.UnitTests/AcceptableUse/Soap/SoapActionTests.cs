using System.Runtime.InteropServices;
using DrrsGateway.AcceptableUse.Soap;

namespace DrrsGateway.UnitTests.AcceptableUse.Soap;

public sealed class SoapActionTests
{
    [Theory]
    [InlineData("\"http://www.caiso.com/soa/submitDRRSLocations_v1\"", "submitDRRSLocations_v1")]
    [InlineData("http://www.caiso.com/soa/submitDRRSLocations_v1", "submitDRRSLocations_v1")]
    [InlineData("  \" http://www.caiso.com/soa/RetrieveDRRSBatchStatus_v2 \"  ", "RetrieveDRRSBatchStatus_v2")]
    [InlineData("\"urn:caiso:drrs#retrieveDRRSRegistrations_v1\"", "retrieveDRRSRegistrations_v1")]
    [InlineData("submitDRRSLocationReview_v1", "submitDRRSLocationReview_v1")]
    [InlineData("\"http://example.com/a/b.c-d_e\"", "b.c-d_e")]
    [InlineData("\"http://www.caiso.com/soa/submitDRRSLocations_v1", "submitDRRSLocations_v1")]
    [InlineData("\"http://www.caiso.com/soa/submitDRLocations_v1_DocAttach\"", "submitDRLocations_v1_DocAttach")]
    public void Operation_ActionUri_IsThePartAfterLastSlashOrHashAsWritten(string action, string expected) =>
        Assert.Equal(expected, SoapAction.Operation(action.AsMemory()).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("\"\"")]
    [InlineData("   ")]
    [InlineData("\"http://www.caiso.com/soa/\"")]
    [InlineData("http://www.caiso.com/soa#")]
    [InlineData("\"http://www.caiso.com/soa/submit DRRS\"")]
    [InlineData("\"http://www.caiso.com/soa/submit\"DRRS\"")]
    [InlineData("\"http://www.caiso.com/soa/submit<x/>\"")]
    [InlineData("\"http://www.caiso.com/soa/op?wsdl\"")]
    [InlineData("\"http://www.caiso.com/soa/ünïcode\"")]
    [InlineData("\"http://www.caiso.com/soa/op\u0000\"")]
    public void Operation_EmptyOrGarbage_IsEmpty(string action) =>
        Assert.True(SoapAction.Operation(action.AsMemory()).IsEmpty);

    [Fact]
    public void Operation_ActionUri_IsASliceOfItWithoutCopying()
    {
        var action = "\"http://www.caiso.com/soa/submitDRRSLocations_v1\"";

        Assert.True(MemoryMarshal.TryGetString(SoapAction.Operation(action.AsMemory()), out var text, out var start, out _));
        Assert.Same(action, text);
        Assert.Equal(action.IndexOf("submit", StringComparison.Ordinal), start);
    }
}
