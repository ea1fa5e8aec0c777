using DrrsGateway.AcceptableUse.Services;

namespace DrrsGateway.UnitTests.AcceptableUse.Services;

public sealed class ServiceCatalogTests
{
    [Theory]
    [InlineData("RetrieveDRRSLocations_v1", true)]
    [InlineData("retrievedrrslocations_v1", true)]
    [InlineData("SUBMITDRRSLOCATIONREVIEW_V12", true)]
    [InlineData("RetrieveDRRSBatchStatus_v2", true)]
    [InlineData("SubmitDRRSRegistrations_v1", true)]
    [InlineData("RetrieveDRRSRegistrations_v1", true)]
    [InlineData("SubmitDRRSLocations_v1", true)]
    [InlineData("RetrieveDRRSLocations", false)]
    [InlineData("RetrieveDRRSLocations_v", false)]
    [InlineData("RetrieveDRRSLocations_vx", false)]
    [InlineData("RetrieveDRRSLocations_v1x", false)]
    [InlineData("Junk_v1", false)]
    [InlineData("runtime.asvc", false)]
    [InlineData("", false)]
    public void NamesOperation_Default_KnowsTheSixDrrsOperationsAnyVersion(string name, bool expected) =>
        Assert.Equal(expected, ServiceCatalog.Default.NamesOperation(name));

    [Theory]
    [InlineData("Junk_v1", true)]
    [InlineData("op_V12", true)]
    [InlineData("runtime.asvc", false)]
    [InlineData("op_v", false)]
    [InlineData("_v1", false)]
    public void NamesOperation_Off_TakesAnyVersionedName(string name, bool expected) =>
        Assert.Equal(expected, ServiceCatalog.Off.NamesOperation(name));

    [Fact]
    public void TryCreate_ExactAndAnyVersionNames_KnowsOnlyThose()
    {
        Assert.True(ServiceCatalog.TryCreate(true, ["RetrieveDRRSLocations_v1, SubmitDRRSLocations_v*"], null, out var catalog, out _));

        Assert.True(catalog.NamesOperation("retrievedrrslocations_v1"));
        Assert.False(catalog.NamesOperation("RetrieveDRRSLocations_v2"));
        Assert.True(catalog.NamesOperation("SubmitDRRSLocations_v7"));
        Assert.False(catalog.NamesOperation("RetrieveDRRSRegistrations_v1"));
    }

    [Fact]
    public void TryCreate_Pattern_MatchesWholeNameInAnyCase()
    {
        Assert.True(ServiceCatalog.TryCreate(true, [], "Custom[A-Z]+_v[0-9]+", out var catalog, out _));

        Assert.True(catalog.NamesOperation("customops_v3"));
        Assert.False(catalog.NamesOperation("xCustomOps_v3"));
        Assert.False(catalog.NamesOperation("RetrieveDRRSLocations_v1"));
    }

    [Fact]
    public void TryCreate_NothingListed_IsTheDefault()
    {
        Assert.True(ServiceCatalog.TryCreate(true, [], null, out var catalog, out _));

        Assert.Same(ServiceCatalog.Default, catalog);
    }

    [Fact]
    public void TryCreate_Disabled_IsOff()
    {
        Assert.True(ServiceCatalog.TryCreate(false, ["ignored"], null, out var catalog, out _));

        Assert.Same(ServiceCatalog.Off, catalog);
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("op/v1")]
    [InlineData("_v*")]
    public void TryCreate_UnusableName_SaysWhich(string name)
    {
        Assert.False(ServiceCatalog.TryCreate(true, [name], null, out _, out var problem));

        Assert.Contains("Aup:Services:Names", problem);
    }

    [Fact]
    public void TryCreate_InvalidPattern_SaysSo()
    {
        Assert.False(ServiceCatalog.TryCreate(true, [], "([a-z", out _, out var problem));

        Assert.Contains("Aup:Services:Pattern", problem);
    }
}
