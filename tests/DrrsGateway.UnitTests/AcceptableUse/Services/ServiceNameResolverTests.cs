using DrrsGateway.AcceptableUse.Services;
using DrrsGateway.UnitTests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace DrrsGateway.UnitTests.AcceptableUse.Services;

public sealed class ServiceNameResolverTests
{
    [Theory]
    [InlineData("/sst/runtime.asvc/retrieveDRRSLocations_v1", "retrievedrrslocations_v1")]
    [InlineData("/sst/runtime.asvc/RetrieveDRRSLocations_v1/", "retrievedrrslocations_v1")]
    [InlineData("/sst/runtime.asvc/SubmitDRRSLocations_v1//", "submitdrrslocations_v1")]
    [InlineData("/single", "single")]
    public void Resolve_NoRouteMetadata_UsesLastNonEmptySegmentLowerCased(string path, string expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;

        Assert.Equal(ServiceResult.Of(expected), ServiceNameResolver.Resolve(context, null, 128));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("")]
    [InlineData("///")]
    public void Resolve_NoSegment_IsInvalid(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;

        Assert.Equal("The request names no DRRS service.", ServiceNameResolver.Resolve(context, null, 128).Problem);
    }

    [Fact]
    public void Resolve_SoapOperation_WinsOverThePath()
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/sst/runtime.asvc";

        Assert.Equal(ServiceResult.Of("submitdrrslocations_v1"), ServiceNameResolver.Resolve(context, "submitdrrslocations_v1", 128));
    }

    [Fact]
    public void Resolve_RouteMetadata_WinsOverSoapOperation()
    {
        var context = TestRouteFeature.Request("/sst/runtime.asvc", new Dictionary<string, string> { [ServiceNameResolver.ServiceMetadataKey] = "Pinned" });

        Assert.Equal(ServiceResult.Of("pinned"), ServiceNameResolver.Resolve(context, "submitdrrslocations_v1", 128));
    }

    [Fact]
    public void Resolve_SoapOperationLongerThanLimit_FallsBackToThePath()
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/sst/runtime.asvc";

        Assert.Equal(ServiceResult.Of("runtime.asvc"), ServiceNameResolver.Resolve(context, new string('o', 129), 128));
    }

    [Fact]
    public void Resolve_OversizedSegment_IsInvalid()
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/" + new string('s', 129);

        Assert.NotNull(ServiceNameResolver.Resolve(context, null, 128).Problem);
    }

    [Theory]
    [InlineData("/sst/runtime.asvc/retrieveDRRSLocations_v1", "x1_v1")]
    [InlineData("/sst/runtime.asvc/retrieveDRRSLocations_v1", "retrievedrrsregistrations_v1")]
    public void Resolve_ActionDisagreesWithOperationPath_IsInvalidSoNoActionRotationDodgesTheLock(string path, string action)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;

        Assert.Equal("The SOAP action and the request path name different operations.", ServiceNameResolver.Resolve(context, action, 128).Problem);
    }

    [Fact]
    public void Resolve_ActionAgreesWithOperationPathInOtherCase_IsThatOperation()
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/sst/runtime.asvc/RetrieveDRRSLocations_v1";

        Assert.Equal(ServiceResult.Of("retrievedrrslocations_v1"), ServiceNameResolver.Resolve(context, "retrievedrrslocations_v1", 128));
    }

    [Theory]
    [InlineData("retrieveDRRSLocations_v1", true)]
    [InlineData("op_V12", true)]
    [InlineData("runtime.asvc", false)]
    [InlineData("op_v", false)]
    [InlineData("_v1", false)]
    [InlineData("op_vx", false)]
    public void IsOperationShaped_Segment_RecognisesVersionedOperations(string segment, bool expected) =>
        Assert.Equal(expected, ServiceNameResolver.IsOperationShaped(segment));
}
