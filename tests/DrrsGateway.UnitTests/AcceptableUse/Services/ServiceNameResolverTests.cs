using DrrsGateway.AcceptableUse.Services;
using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.AcceptableUse.Soap;
using Microsoft.AspNetCore.Http;

namespace DrrsGateway.UnitTests.AcceptableUse.Services;

public sealed class ServiceNameResolverTests
{
    private static readonly AupPolicy Catalogued = TestPolicy.Default;
    private static readonly AupPolicy Uncatalogued = TestPolicy.From(new AupOptions { Services = { Enabled = false } });
    private static readonly AupPolicy TrustingHeaders = TestPolicy.From(new AupOptions { Soap = { EnvelopeCheck = EnvelopeCheck.WhenHeadersNameNone } });
    private static readonly ServiceNameResolver Resolver = new(new ServiceNames());

    [Theory]
    [InlineData("/sst/runtime.asvc/retrieveDRRSLocations_v1", "retrievedrrslocations_v1")]
    [InlineData("/sst/runtime.asvc/RetrieveDRRSLocations_v1/", "retrievedrrslocations_v1")]
    [InlineData("/sst/runtime.asvc/SubmitDRRSLocations_v1//", "submitdrrslocations_v1")]
    [InlineData("/sst/runtime.asvc/RetrieveDRRSLocations_v1;jsessionid=A", "retrievedrrslocations_v1")]
    [InlineData("/sst/runtime.asvc/RetrieveDRRSLocations_v1;x", "retrievedrrslocations_v1")]
    [InlineData("/sst/runtime.asvc/RetrieveDRRSLocations_v1;x/;y", "retrievedrrslocations_v1")]
    [InlineData("/sst/runtime.asvc/RetrieveDRRSLocations_v1;", "retrievedrrslocations_v1")]
    public void Resolve_OperationPath_IsThatOperationWithoutPathParameters(string path, string expected) =>
        Assert.Equal(ServiceResult.Of(expected), Resolver.Resolve(Context(path), null, SoapRequest.None, Catalogued));

    [Theory]
    [InlineData("/single")]
    [InlineData("/sst/runtime.asvc")]
    [InlineData("/sst/runtime.asvc/Junk_v1")]
    [InlineData("/sst/runtime.asvc/RetrieveDRRSLocations")]
    public void Resolve_PlainRequestNamingNoCataloguedOperation_IsUnknown(string path) =>
        Assert.Equal(ServiceResult.Unknown, Resolver.Resolve(Context(path), null, SoapRequest.None, Catalogued));

    [Theory]
    [InlineData("/single", "single")]
    [InlineData("/sst/b;x", "b")]
    public void Resolve_CatalogOff_UsesLastSegment(string path, string expected) =>
        Assert.Equal(ServiceResult.Of(expected), Resolver.Resolve(Context(path), null, SoapRequest.None, Uncatalogued));

    [Theory]
    [InlineData("/")]
    [InlineData("")]
    [InlineData("///")]
    [InlineData("/;x")]
    public void Resolve_NoSegment_IsInvalid(string path) =>
        Assert.Equal(ServiceNameResolver.NoServiceProblem, Resolver.Resolve(Context(path), null, SoapRequest.None, Uncatalogued).Problem);

    [Fact]
    public void Resolve_SoapOnGenericEndpoint_NeedsTheEnvelope() =>
        Assert.Equal(ServiceResult.NeedsEnvelope, Resolver.Resolve(Context("/sst/runtime.asvc"), null, Soap11("submitdrrslocations_v1"), Catalogued));

    [Fact]
    public void Resolve_SoapOnGenericEndpointTrustingHeaders_IsTheActionWithoutReadingTheBody()
    {
        var options = TestPolicy.From(new AupOptions { Soap = { EnvelopeCheck = EnvelopeCheck.WhenHeadersNameNone } });

        Assert.Equal(ServiceResult.Of("submitdrrslocations_v1"), Resolver.Resolve(Context("/sst/runtime.asvc"), null, Soap11("submitdrrslocations_v1"), options));
        Assert.Equal(ServiceResult.NeedsEnvelope, Resolver.Resolve(Context("/sst/runtime.asvc"), null, Soap11("junk"), options));
    }

    [Fact]
    public void Resolve_SoapOnOperationPath_IsThePathConfirmedOnceAllowed() =>
        Assert.Equal(ServiceResult.Of("retrievedrrslocations_v1").Confirmed(), Resolver.Resolve(Context("/sst/runtime.asvc/RetrieveDRRSLocations_v1"), null, Soap11("retrievedrrslocations_v1"), Catalogued));

    [Fact]
    public void Resolve_SoapOnOperationPathWhenPathAndActionAgreeAreTrusted_IsThePathWithoutReadingTheBody()
    {
        var options = TestPolicy.From(new AupOptions { Soap = { EnvelopeCheck = EnvelopeCheck.UnlessPathAndActionAgree } });

        Assert.Equal(ServiceResult.Of("retrievedrrslocations_v1"), Resolver.Resolve(Context("/sst/runtime.asvc/RetrieveDRRSLocations_v1"), null, Soap11("retrievedrrslocations_v1"), options));
        Assert.Equal(ServiceResult.Of("retrievedrrslocations_v1").Confirmed(), Resolver.Resolve(Context("/sst/runtime.asvc/RetrieveDRRSLocations_v1"), null, Soap11(null), options));
    }

    [Fact]
    public void Resolve_SoapOnOperationPathWithoutAction_IsThePathConfirmedOnceAllowed() =>
        Assert.Equal(ServiceResult.Of("retrievedrrslocations_v1").Confirmed(), Resolver.Resolve(Context("/sst/runtime.asvc/RetrieveDRRSLocations_v1"), null, Soap11(null), Catalogued));

    [Fact]
    public void Resolve_EnvelopeCheckWhenHeadersNameNone_TrustsThePath()
    {
        var options = TestPolicy.From(new AupOptions { Soap = { EnvelopeCheck = EnvelopeCheck.WhenHeadersNameNone } });

        Assert.Equal(ServiceResult.Of("retrievedrrslocations_v1"), Resolver.Resolve(Context("/sst/runtime.asvc/RetrieveDRRSLocations_v1"), null, Soap11(null), options));
    }

    [Theory]
    [InlineData("/sst/runtime.asvc/RetrieveDRRSLocations_v1/extra")]
    [InlineData("/RetrieveDRRSLocations_v1;a/sst/runtime.asvc")]
    public void Resolve_OperationInAnEarlierSegment_IsThatOperation(string path) =>
        Assert.Equal(ServiceResult.Of("retrievedrrslocations_v1"), Resolver.Resolve(Context(path), null, SoapRequest.None, Catalogued));

    [Fact]
    public void Resolve_TwoSegmentsNamingDifferentOperations_IsInvalid() =>
        Assert.Equal(ServiceNameResolver.DisagreementProblem, Resolver.Resolve(Context("/SubmitDRRSLocations_v1/RetrieveDRRSLocations_v1"), null, SoapRequest.None, Catalogued).Problem);

    [Fact]
    public void FromEnvelope_BodyDisagreesWithOperationPath_IsInvalid() =>
        Assert.Equal(ServiceNameResolver.DisagreementProblem, Resolver.FromEnvelope(Context("/sst/runtime.asvc/RetrieveDRRSLocations_v1"), Soap11(null), Envelope(null, "submitdrrslocations_v1"), Catalogued).Problem);

    [Fact]
    public void FromEnvelope_BodyAgreesWithOperationPath_IsIt() =>
        Assert.Equal(ServiceResult.Of("retrievedrrslocations_v1"), Resolver.FromEnvelope(Context("/sst/runtime.asvc/RetrieveDRRSLocations_v1;x"), Soap11(null), Envelope(null, "retrievedrrslocations_v1"), Catalogued));

    [Fact]
    public void Resolve_SoapOnUncataloguedOperationPath_IsUnknownWithoutReadingTheBody() =>
        Assert.Equal(ServiceResult.Unknown, Resolver.Resolve(Context("/sst/runtime.asvc/Junk_v1"), null, Soap11("retrievedrrslocations_v1"), Catalogued));

    [Fact]
    public void Resolve_RouteMetadata_WinsOverEverything()
    {
        var context = Context("/sst/runtime.asvc");

        Assert.Equal(ServiceResult.Of("pinned"), Resolver.Resolve(context, "Pinned", Soap11("submitdrrslocations_v1"), Catalogued));
    }

    [Fact]
    public void Resolve_OversizedSegment_IsInvalid() =>
        Assert.Equal(ServiceResultKind.Invalid, Resolver.Resolve(Context("/" + new string('s', 129)), null, SoapRequest.None, Uncatalogued).Kind);

    [Theory]
    [InlineData("/sst/runtime.asvc/retrieveDRRSLocations_v1", "x1_v1")]
    [InlineData("/sst/runtime.asvc/retrieveDRRSLocations_v1", "retrievedrrsregistrations_v1")]
    [InlineData("/sst/runtime.asvc/retrieveDRRSLocations_v1;x", "retrievedrrsregistrations_v1")]
    public void Resolve_ActionDisagreesWithOperationPath_IsInvalidSoNoActionRotationDodgesTheLock(string path, string action) =>
        Assert.Equal(ServiceNameResolver.DisagreementProblem, Resolver.Resolve(Context(path), null, Soap11(action), Catalogued).Problem);

    [Fact]
    public void Resolve_ActionAgreesWithOperationPathInOtherCase_IsThatOperation() =>
        Assert.Equal("retrievedrrslocations_v1", Resolver.Resolve(Context("/sst/runtime.asvc/RetrieveDRRSLocations_v1"), null, Soap11("retrievedrrslocations_v1"), Catalogued).Service);

    [Theory]
    [InlineData("submitdrrslocations_v1", "RetrieveDRRSLocationsRequest")]
    [InlineData("retrievedrrslocations_v1", "RetrieveDRRSLocations_v2Request")]
    public void FromEnvelope_BareBodyElementOfAnotherOperation_IsInvalid(string action, string body) =>
        Assert.Equal(ServiceNameResolver.DisagreementProblem, Resolver.FromEnvelope(Context("/sst/runtime.asvc"), Soap11(action), Envelope(null, body), Catalogued).Problem);

    [Fact]
    public void FromEnvelope_BareBodyElementOfTheSameOperation_IsIt() =>
        Assert.Equal(ServiceResult.Of("retrievedrrslocations_v1"), Resolver.FromEnvelope(Context("/sst/runtime.asvc"), Soap11("retrievedrrslocations_v1"), Envelope(null, "RetrieveDRRSLocationsRequest"), Catalogued));

    [Theory]
    [InlineData("submitdrrslocations_v1", null, null, "submitdrrslocations_v1")]
    [InlineData(null, "submitdrrslocations_v1", null, "submitdrrslocations_v1")]
    [InlineData(null, null, "submitdrrslocations_v1", "submitdrrslocations_v1")]
    [InlineData("junk", null, "submitdrrslocations_v1", "submitdrrslocations_v1")]
    [InlineData("junk_v9", "junk", "submitdrrslocations_v1", "submitdrrslocations_v1")]
    [InlineData("submitdrrslocations_v1", "submitdrrslocations_v1", "submitdrrslocations_v1", "submitdrrslocations_v1")]
    [InlineData("submitdrrslocations_v1", null, "somewrapper", "submitdrrslocations_v1")]
    public void FromEnvelope_OneNamedOperation_IsIt(string? action, string? addressing, string? body, string expected) =>
        Assert.Equal(ServiceResult.Of(expected), Resolver.FromEnvelope(Context("/sst/runtime.asvc"), Soap11(action), Envelope(addressing, body), Catalogued));

    [Theory]
    [InlineData("submitdrrslocations_v1", null, "retrievedrrslocations_v1")]
    [InlineData("submitdrrslocations_v1", "retrievedrrslocations_v1", null)]
    [InlineData(null, "submitdrrslocations_v1", "retrievedrrslocations_v1")]
    public void FromEnvelope_NamesDisagree_IsInvalid(string? action, string? addressing, string? body) =>
        Assert.Equal(ServiceNameResolver.DisagreementProblem, Resolver.FromEnvelope(Context("/sst/runtime.asvc"), Soap11(action), Envelope(addressing, body), Catalogued).Problem);

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("junk1", null, "junk2")]
    [InlineData("junk_v1", "x_v2", "y_v3")]
    public void FromEnvelope_NothingCatalogued_IsUnknown(string? action, string? addressing, string? body) =>
        Assert.Equal(ServiceResult.Unknown, Resolver.FromEnvelope(Context("/sst/runtime.asvc"), Soap11(action), Envelope(addressing, body), Catalogued));

    [Fact]
    public void FromEnvelope_UnreadableEnvelope_IsInvalidWithItsProblem() =>
        Assert.Equal(ServiceResult.Invalid("bad"), Resolver.FromEnvelope(Context("/sst/runtime.asvc"), Soap11("submitdrrslocations_v1"), EnvelopeNames.Unreadable("bad"), Catalogued));

    [Theory]
    [InlineData("op-a", null, "wrapper", "wrapper")]
    [InlineData("op-a", null, null, "op-a")]
    [InlineData(null, null, null, "runtime.asvc")]
    [InlineData("junk1", null, "custom_v1", "custom_v1")]
    public void FromEnvelope_CatalogOff_PrefersVersionedNamesThenTheBodyElement(string? action, string? addressing, string? body, string expected) =>
        Assert.Equal(ServiceResult.Of(expected), Resolver.FromEnvelope(Context("/sst/runtime.asvc"), Soap11(action), Envelope(addressing, body), Uncatalogued));

    [Theory]
    [InlineData("/sst/drrs/RetrieveDRLocations_DRRSv1_AP", "retrievedrlocations_v1")]
    [InlineData("/sst/drrs/RetrieveDRLocations_DRRSv1_DocAttach_AP", "retrievedrlocations_v1")]
    [InlineData("/sst/drrs/retrievedrlocations_drrsv1_docattach_ap;jsessionid=A", "retrievedrlocations_v1")]
    [InlineData("/sst/drrs/RetrieveBatchValidationStatus_DRRSv1_AP", "retrievebatchvalidationstatus_v1")]
    [InlineData("/sst/drrs/SubmitDRRSLocations_DRRSv1_AP", "submitdrrslocations_v1")]
    [InlineData("/sst/drrs/SubmitDRLocations_DRRSv1_AP/SubmitDRLocations_DRRSv1_DocAttach_AP", "submitdrlocations_v1")]
    [InlineData("/sst/runtime.asvc/submitDRLocations_v1_DocAttach", "submitdrlocations_v1")]
    public void Resolve_AccessPointPath_IsItsOperation(string path, string expected) =>
        Assert.Equal(ServiceResult.Of(expected), Resolver.Resolve(Context(path), null, SoapRequest.None, Catalogued));

    [Theory]
    [InlineData("/sst/drrs/Junk_DRRSv1_AP")]
    [InlineData("/sst/drrs/_DRRSv1_DocAttach_AP")]
    [InlineData("/sst/drrs/DocAttach_AP")]
    [InlineData("/sst/drrs/RetrieveDRLocations_DRRS_AP")]
    public void Resolve_AccessPointNamingNoCataloguedOperation_IsUnknownEvenWithAnAction(string path) =>
        Assert.Equal(ServiceResult.Unknown, Resolver.Resolve(Context(path), null, Soap11("retrievedrlocations_v1"), Catalogued));

    [Fact]
    public void Resolve_TwoAccessPointsOfDifferentOperations_IsADisagreement() =>
        Assert.Equal(ServiceNameResolver.DisagreementProblem, Resolver.Resolve(Context("/sst/drrs/RetrieveDRLocations_DRRSv1_AP/SubmitDRLocations_DRRSv1_AP"), null, SoapRequest.None, Catalogued).Problem);

    [Theory]
    [InlineData("retrievedrlocations_v1")]
    [InlineData(null)]
    public void Resolve_SoapOnAccessPointWithItsOwnOrNoAction_IsTheAccessPointConfirmedOnceAllowed(string? action) =>
        Assert.Equal(ServiceResult.Of("retrievedrlocations_v1").Confirmed(), Resolver.Resolve(Context("/sst/drrs/RetrieveDRLocations_DRRSv1_DocAttach_AP"), null, Soap11(action), Catalogued));

    [Theory]
    [InlineData("retrievedrregistrations_v1")]
    [InlineData("retrievedrrslocations_v1")]
    [InlineData("retrievedrlocations_v2")]
    public void Resolve_SoapOnAccessPointWithAnotherOperationsAction_IsADisagreement(string action) =>
        Assert.Equal(ServiceNameResolver.DisagreementProblem, Resolver.Resolve(Context("/sst/drrs/RetrieveDRLocations_DRRSv1_AP"), null, Soap11(action), Catalogued).Problem);

    [Theory]
    [InlineData("requestdrregistrationdata")]
    [InlineData("isoattachment")]
    [InlineData(null)]
    public void FromEnvelope_AccessPointWithBodyNamingNoOperation_IsTheAccessPoint(string? body) =>
        Assert.Equal(ServiceResult.Of("retrievedrregistrations_v1"), Resolver.FromEnvelope(Context("/sst/drrs/RetrieveDRRegistrations_DRRSv1_AP"), Soap11("retrievedrregistrations_v1"), Envelope(null, body), Catalogued));

    [Theory]
    [InlineData("retrievedrlocations_v1")]
    [InlineData("submitdrrsregistrations_v1")]
    public void FromEnvelope_AccessPointWithBodyOfAnotherOperation_IsADisagreement(string body) =>
        Assert.Equal(ServiceNameResolver.DisagreementProblem, Resolver.FromEnvelope(Context("/sst/drrs/RetrieveDRRegistrations_DRRSv1_AP"), Soap11(null), Envelope(null, body), Catalogued).Problem);

    [Fact]
    public void Resolve_AccessPointWithCatalogOff_IsItsOperation() =>
        Assert.Equal(ServiceResult.Of("anything_v3"), Resolver.Resolve(Context("/x/Anything_APPv3_DocAttach_AP"), null, SoapRequest.None, Uncatalogued));

    [Theory]
    [InlineData("/sst/runtime.asvc/SubmitDRLocations_v1", "http://www.caiso.com/soa/submitDRLocations_v1_DocAttach")]
    [InlineData("/sst/drrs/SubmitDRLocations_DRRSv1_DocAttach_AP", "http://www.caiso.com/soa/SubmitDRLocations_v1_DocAttach")]
    public void Resolve_DocAttachActionOnItsOperationsPath_Agrees(string path, string action)
    {
        var options = TestPolicy.From(new AupOptions { Soap = { EnvelopeCheck = EnvelopeCheck.UnlessPathAndActionAgree } });

        Assert.Equal(ServiceResult.Of("submitdrlocations_v1"), Resolver.Resolve(Context(path), null, Soap11(SoapAction.Operation(action.AsMemory()).ToString()), options));
    }

    [Fact]
    public void FromEnvelope_DocAttachActionAndBodyElement_AreThePlainOperation() =>
        Assert.Equal(ServiceResult.Of("submitdrlocations_v1"), Resolver.FromEnvelope(Context("/sst/runtime.asvc"), Soap11("submitDRLocations_v1_DocAttach"), Envelope("SubmitDRLocations_v1_DocAttach", "submitDRLocations_v1_DocAttach"), Catalogued));

    [Fact]
    public void Resolve_ActionLongerThanTheLimit_NamesNothing()
    {
        var longest = new string('a', SoapAction.MaxOperationLength - 3) + "_v1";
        var tooLong = "a" + longest;

        Assert.Equal(ServiceNameResolver.DisagreementProblem, Resolver.Resolve(Context("/sst/runtime.asvc/RetrieveDRRSLocations_v1"), null, Soap11(longest), Catalogued).Problem);
        Assert.Equal(ServiceResult.Of("retrievedrrslocations_v1").Confirmed(), Resolver.Resolve(Context("/sst/runtime.asvc/RetrieveDRRSLocations_v1"), null, Soap11(tooLong), Catalogued));
    }

    [Fact]
    public void Resolve_ManyJunkActions_InternNothingAndLeaveCataloguedNamesShared()
    {
        var names = new ServiceNames();
        var resolver = new ServiceNameResolver(names);
        var known = resolver.Resolve(Context("/sst/runtime.asvc"), null, Soap11("RetrieveDRRSLocations_v1"), TrustingHeaders).Service;

        for (var i = 0; i < 5000; i++)
        {
            var request = Context("/sst/runtime.asvc").Request;
            request.ContentType = "text/xml";
            request.Headers[SoapRequest.SoapActionHeader] = $"\"http://x/junk{i}\"";
            var soap = SoapRequest.Read(request, TrustingHeaders.Soap);

            Assert.Equal(ServiceResult.NeedsEnvelope, resolver.Resolve(request.HttpContext, null, soap, TrustingHeaders));
            Assert.Equal(ServiceResult.Unknown, resolver.FromEnvelope(request.HttpContext, soap, Envelope($"junk{i}_v1", $"Junk{i}"), TrustingHeaders));
        }

        Assert.Equal(1, names.Count);
        Assert.Same(known, resolver.Resolve(Context("/sst/runtime.asvc"), null, Soap11("retrieveDRRSLocations_V1"), TrustingHeaders).Service);
        Assert.Same(known, resolver.FromEnvelope(Context("/sst/runtime.asvc"), Soap11(null), Envelope(null, "RETRIEVEDRRSLOCATIONS_v1"), TrustingHeaders).Service);
    }

    private static SoapRequest Soap11(string? operation) => new(SoapVersion.Soap11, operation.AsMemory(), SoapFraming.Plain);

    private static EnvelopeNames Envelope(string? addressing, string? body) => new(addressing.AsMemory(), body.AsMemory(), null);

    private static DefaultHttpContext Context(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        return context;
    }
}
