using DrrsGateway.AcceptableUse.Services;
using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.AcceptableUse.Soap;
using DrrsGateway.UnitTests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace DrrsGateway.UnitTests.AcceptableUse.Services;

public sealed class ServiceNameResolverTests
{
    private static readonly AupOptions Catalogued = new();
    private static readonly AupOptions Uncatalogued = new() { ParsedServices = ServiceCatalog.Off };

    [Theory]
    [InlineData("/sst/runtime.asvc/retrieveDRRSLocations_v1", "retrievedrrslocations_v1")]
    [InlineData("/sst/runtime.asvc/RetrieveDRRSLocations_v1/", "retrievedrrslocations_v1")]
    [InlineData("/sst/runtime.asvc/SubmitDRRSLocations_v1//", "submitdrrslocations_v1")]
    [InlineData("/sst/runtime.asvc/RetrieveDRRSLocations_v1;jsessionid=A", "retrievedrrslocations_v1")]
    [InlineData("/sst/runtime.asvc/RetrieveDRRSLocations_v1;x", "retrievedrrslocations_v1")]
    [InlineData("/sst/runtime.asvc/RetrieveDRRSLocations_v1;x/;y", "retrievedrrslocations_v1")]
    [InlineData("/sst/runtime.asvc/RetrieveDRRSLocations_v1;", "retrievedrrslocations_v1")]
    public void Resolve_OperationPath_IsThatOperationWithoutPathParameters(string path, string expected) =>
        Assert.Equal(ServiceResult.Of(expected), ServiceNameResolver.Resolve(Context(path), SoapRequest.None, Catalogued));

    [Theory]
    [InlineData("/single")]
    [InlineData("/sst/runtime.asvc")]
    [InlineData("/sst/runtime.asvc/Junk_v1")]
    [InlineData("/sst/runtime.asvc/RetrieveDRRSLocations")]
    public void Resolve_PlainRequestNamingNoCataloguedOperation_IsUnknown(string path) =>
        Assert.Equal(ServiceResult.Unknown, ServiceNameResolver.Resolve(Context(path), SoapRequest.None, Catalogued));

    [Theory]
    [InlineData("/single", "single")]
    [InlineData("/sst/b;x", "b")]
    public void Resolve_CatalogOff_UsesLastSegment(string path, string expected) =>
        Assert.Equal(ServiceResult.Of(expected), ServiceNameResolver.Resolve(Context(path), SoapRequest.None, Uncatalogued));

    [Theory]
    [InlineData("/")]
    [InlineData("")]
    [InlineData("///")]
    [InlineData("/;x")]
    public void Resolve_NoSegment_IsInvalid(string path) =>
        Assert.Equal(ServiceNameResolver.NoServiceProblem, ServiceNameResolver.Resolve(Context(path), SoapRequest.None, Uncatalogued).Problem);

    [Fact]
    public void Resolve_SoapOnGenericEndpoint_NeedsTheEnvelope() =>
        Assert.Equal(ServiceResult.NeedsEnvelope, ServiceNameResolver.Resolve(Context("/sst/runtime.asvc"), Soap11("submitdrrslocations_v1"), Catalogued));

    [Fact]
    public void Resolve_SoapOnGenericEndpointTrustingHeaders_IsTheActionWithoutReadingTheBody()
    {
        var options = new AupOptions { Soap = new AupSoapOptions { EnvelopeCheck = EnvelopeCheck.WhenHeadersNameNone } };

        Assert.Equal(ServiceResult.Of("submitdrrslocations_v1"), ServiceNameResolver.Resolve(Context("/sst/runtime.asvc"), Soap11("submitdrrslocations_v1"), options));
        Assert.Equal(ServiceResult.NeedsEnvelope, ServiceNameResolver.Resolve(Context("/sst/runtime.asvc"), Soap11("junk"), options));
    }

    [Fact]
    public void Resolve_SoapOnOperationPath_IsThePathConfirmedOnceAllowed() =>
        Assert.Equal(ServiceResult.Of("retrievedrrslocations_v1").Confirmed(), ServiceNameResolver.Resolve(Context("/sst/runtime.asvc/RetrieveDRRSLocations_v1"), Soap11("retrievedrrslocations_v1"), Catalogued));

    [Fact]
    public void Resolve_SoapOnOperationPathWhenPathAndActionAgreeAreTrusted_IsThePathWithoutReadingTheBody()
    {
        var options = new AupOptions { Soap = new AupSoapOptions { EnvelopeCheck = EnvelopeCheck.UnlessPathAndActionAgree } };

        Assert.Equal(ServiceResult.Of("retrievedrrslocations_v1"), ServiceNameResolver.Resolve(Context("/sst/runtime.asvc/RetrieveDRRSLocations_v1"), Soap11("retrievedrrslocations_v1"), options));
        Assert.Equal(ServiceResult.Of("retrievedrrslocations_v1").Confirmed(), ServiceNameResolver.Resolve(Context("/sst/runtime.asvc/RetrieveDRRSLocations_v1"), Soap11(null), options));
    }

    [Fact]
    public void Resolve_SoapOnOperationPathWithoutAction_IsThePathConfirmedOnceAllowed() =>
        Assert.Equal(ServiceResult.Of("retrievedrrslocations_v1").Confirmed(), ServiceNameResolver.Resolve(Context("/sst/runtime.asvc/RetrieveDRRSLocations_v1"), Soap11(null), Catalogued));

    [Fact]
    public void Resolve_EnvelopeCheckWhenHeadersNameNone_TrustsThePath()
    {
        var options = new AupOptions { Soap = new AupSoapOptions { EnvelopeCheck = EnvelopeCheck.WhenHeadersNameNone } };

        Assert.Equal(ServiceResult.Of("retrievedrrslocations_v1"), ServiceNameResolver.Resolve(Context("/sst/runtime.asvc/RetrieveDRRSLocations_v1"), Soap11(null), options));
    }

    [Theory]
    [InlineData("/sst/runtime.asvc/RetrieveDRRSLocations_v1/extra")]
    [InlineData("/RetrieveDRRSLocations_v1;a/sst/runtime.asvc")]
    public void Resolve_OperationInAnEarlierSegment_IsThatOperation(string path) =>
        Assert.Equal(ServiceResult.Of("retrievedrrslocations_v1"), ServiceNameResolver.Resolve(Context(path), SoapRequest.None, Catalogued));

    [Fact]
    public void Resolve_TwoSegmentsNamingDifferentOperations_IsInvalid() =>
        Assert.Equal(ServiceNameResolver.DisagreementProblem, ServiceNameResolver.Resolve(Context("/SubmitDRRSLocations_v1/RetrieveDRRSLocations_v1"), SoapRequest.None, Catalogued).Problem);

    [Fact]
    public void FromEnvelope_BodyDisagreesWithOperationPath_IsInvalid() =>
        Assert.Equal(ServiceNameResolver.DisagreementProblem, ServiceNameResolver.FromEnvelope(Context("/sst/runtime.asvc/RetrieveDRRSLocations_v1"), Soap11(null), new(null, "submitdrrslocations_v1", null), Catalogued).Problem);

    [Fact]
    public void FromEnvelope_BodyAgreesWithOperationPath_IsIt() =>
        Assert.Equal(ServiceResult.Of("retrievedrrslocations_v1"), ServiceNameResolver.FromEnvelope(Context("/sst/runtime.asvc/RetrieveDRRSLocations_v1;x"), Soap11(null), new(null, "retrievedrrslocations_v1", null), Catalogued));

    [Fact]
    public void Resolve_SoapOnUncataloguedOperationPath_IsUnknownWithoutReadingTheBody() =>
        Assert.Equal(ServiceResult.Unknown, ServiceNameResolver.Resolve(Context("/sst/runtime.asvc/Junk_v1"), Soap11("retrievedrrslocations_v1"), Catalogued));

    [Fact]
    public void Resolve_RouteMetadata_WinsOverEverything()
    {
        var context = TestRouteFeature.Request("/sst/runtime.asvc", new Dictionary<string, string> { [ServiceNameResolver.ServiceMetadataKey] = "Pinned" });

        Assert.Equal(ServiceResult.Of("pinned"), ServiceNameResolver.Resolve(context, Soap11("submitdrrslocations_v1"), Catalogued));
    }

    [Fact]
    public void Resolve_OversizedSegment_IsInvalid() =>
        Assert.Equal(ServiceResultKind.Invalid, ServiceNameResolver.Resolve(Context("/" + new string('s', 129)), SoapRequest.None, Uncatalogued).Kind);

    [Theory]
    [InlineData("/sst/runtime.asvc/retrieveDRRSLocations_v1", "x1_v1")]
    [InlineData("/sst/runtime.asvc/retrieveDRRSLocations_v1", "retrievedrrsregistrations_v1")]
    [InlineData("/sst/runtime.asvc/retrieveDRRSLocations_v1;x", "retrievedrrsregistrations_v1")]
    public void Resolve_ActionDisagreesWithOperationPath_IsInvalidSoNoActionRotationDodgesTheLock(string path, string action) =>
        Assert.Equal(ServiceNameResolver.DisagreementProblem, ServiceNameResolver.Resolve(Context(path), Soap11(action), Catalogued).Problem);

    [Fact]
    public void Resolve_ActionAgreesWithOperationPathInOtherCase_IsThatOperation() =>
        Assert.Equal("retrievedrrslocations_v1", ServiceNameResolver.Resolve(Context("/sst/runtime.asvc/RetrieveDRRSLocations_v1"), Soap11("retrievedrrslocations_v1"), Catalogued).Service);

    [Theory]
    [InlineData("submitdrrslocations_v1", "RetrieveDRRSLocationsRequest")]
    [InlineData("retrievedrrslocations_v1", "RetrieveDRRSLocations_v2Request")]
    public void FromEnvelope_BareBodyElementOfAnotherOperation_IsInvalid(string action, string body) =>
        Assert.Equal(ServiceNameResolver.DisagreementProblem, ServiceNameResolver.FromEnvelope(Context("/sst/runtime.asvc"), Soap11(action), new(null, body, null), Catalogued).Problem);

    [Fact]
    public void FromEnvelope_BareBodyElementOfTheSameOperation_IsIt() =>
        Assert.Equal(ServiceResult.Of("retrievedrrslocations_v1"), ServiceNameResolver.FromEnvelope(Context("/sst/runtime.asvc"), Soap11("retrievedrrslocations_v1"), new(null, "RetrieveDRRSLocationsRequest", null), Catalogued));

    [Theory]
    [InlineData("submitdrrslocations_v1", null, null, "submitdrrslocations_v1")]
    [InlineData(null, "submitdrrslocations_v1", null, "submitdrrslocations_v1")]
    [InlineData(null, null, "submitdrrslocations_v1", "submitdrrslocations_v1")]
    [InlineData("junk", null, "submitdrrslocations_v1", "submitdrrslocations_v1")]
    [InlineData("junk_v9", "junk", "submitdrrslocations_v1", "submitdrrslocations_v1")]
    [InlineData("submitdrrslocations_v1", "submitdrrslocations_v1", "submitdrrslocations_v1", "submitdrrslocations_v1")]
    [InlineData("submitdrrslocations_v1", null, "somewrapper", "submitdrrslocations_v1")]
    public void FromEnvelope_OneNamedOperation_IsIt(string? action, string? addressing, string? body, string expected) =>
        Assert.Equal(ServiceResult.Of(expected), ServiceNameResolver.FromEnvelope(Context("/sst/runtime.asvc"), Soap11(action), new(addressing, body, null), Catalogued));

    [Theory]
    [InlineData("submitdrrslocations_v1", null, "retrievedrrslocations_v1")]
    [InlineData("submitdrrslocations_v1", "retrievedrrslocations_v1", null)]
    [InlineData(null, "submitdrrslocations_v1", "retrievedrrslocations_v1")]
    public void FromEnvelope_NamesDisagree_IsInvalid(string? action, string? addressing, string? body) =>
        Assert.Equal(ServiceNameResolver.DisagreementProblem, ServiceNameResolver.FromEnvelope(Context("/sst/runtime.asvc"), Soap11(action), new(addressing, body, null), Catalogued).Problem);

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("junk1", null, "junk2")]
    [InlineData("junk_v1", "x_v2", "y_v3")]
    public void FromEnvelope_NothingCatalogued_IsUnknown(string? action, string? addressing, string? body) =>
        Assert.Equal(ServiceResult.Unknown, ServiceNameResolver.FromEnvelope(Context("/sst/runtime.asvc"), Soap11(action), new(addressing, body, null), Catalogued));

    [Fact]
    public void FromEnvelope_UnreadableEnvelope_IsInvalidWithItsProblem() =>
        Assert.Equal(ServiceResult.Invalid("bad"), ServiceNameResolver.FromEnvelope(Context("/sst/runtime.asvc"), Soap11("submitdrrslocations_v1"), EnvelopeNames.Unreadable("bad"), Catalogued));

    [Theory]
    [InlineData("op-a", null, "wrapper", "wrapper")]
    [InlineData("op-a", null, null, "op-a")]
    [InlineData(null, null, null, "runtime.asvc")]
    [InlineData("junk1", null, "custom_v1", "custom_v1")]
    public void FromEnvelope_CatalogOff_PrefersVersionedNamesThenTheBodyElement(string? action, string? addressing, string? body, string expected) =>
        Assert.Equal(ServiceResult.Of(expected), ServiceNameResolver.FromEnvelope(Context("/sst/runtime.asvc"), Soap11(action), new(addressing, body, null), Uncatalogued));

    private static SoapRequest Soap11(string? operation) => new(SoapVersion.Soap11, operation, SoapFraming.Plain);

    private static DefaultHttpContext Context(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        return context;
    }
}
