using DrrsGateway.AcceptableUse.Services;

namespace DrrsGateway.UnitTests.AcceptableUse.Services;

public sealed class AccessPointTests
{
    [Theory]
    [InlineData("RetrieveDRLocations_DRRSv1_AP", "RetrieveDRLocations_v1")]
    [InlineData("RetrieveDRLocations_DRRSv1_DocAttach_AP", "RetrieveDRLocations_v1")]
    [InlineData("retrievedrlocations_drrsv1_docattach_ap", "retrievedrlocations_v1")]
    [InlineData("SubmitDRRSLocationReview_DRRSv12_AP", "SubmitDRRSLocationReview_v12")]
    [InlineData("RetrieveGasBurnSummaryData_CMRIv1_DocAttach_AP", "RetrieveGasBurnSummaryData_v1")]
    [InlineData("RetrieveDRLocations_v1_AP", "RetrieveDRLocations_v1")]
    public void Read_AccessPoint_NamesItsOperation(string segment, string expected)
    {
        Span<char> operation = stackalloc char[AccessPoint.MaxOperationLength];

        var kind = AccessPoint.Read(segment, operation, out var length);

        Assert.Equal(AccessPointKind.Operation, kind);
        Assert.Equal(expected, operation[..length].ToString());
    }

    [Theory]
    [InlineData("_DRRSv1_DocAttach_AP")]
    [InlineData("_DRRSv1_AP")]
    [InlineData("DocAttach_AP")]
    [InlineData("_AP")]
    [InlineData("RetrieveDRLocations_DRRS_AP")]
    [InlineData("RetrieveDRLocations_DRRSv_AP")]
    [InlineData("RetrieveDRLocations_DR-RSv1_AP")]
    [InlineData("Retrieve DRLocations_DRRSv1_AP")]
    [InlineData("RetrieveDRLocations_DRRSv1234567890_AP")]
    public void Read_SegmentEndingInApNamingNoOperation_IsMalformed(string segment) =>
        Assert.Equal(AccessPointKind.Malformed, AccessPoint.Read(segment, new char[AccessPoint.MaxOperationLength], out _));

    [Theory]
    [InlineData("RetrieveDRLocations_v1")]
    [InlineData("runtime.asvc")]
    [InlineData("MAP")]
    public void Read_OtherSegment_IsNone(string segment) =>
        Assert.Equal(AccessPointKind.None, AccessPoint.Read(segment, new char[AccessPoint.MaxOperationLength], out _));

    [Fact]
    public void Read_OperationLongerThanTheBound_IsMalformedAndWritesNothing()
    {
        var operation = new char[AccessPoint.MaxOperationLength];

        var kind = AccessPoint.Read(new string('a', AccessPoint.MaxOperationLength) + "_DRRSv1_AP", operation, out var length);

        Assert.Equal(AccessPointKind.Malformed, kind);
        Assert.Equal(0, length);
        Assert.All(operation, c => Assert.Equal('\0', c));
    }
}
