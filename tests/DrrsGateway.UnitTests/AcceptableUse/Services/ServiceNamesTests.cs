using DrrsGateway.AcceptableUse.Services;

namespace DrrsGateway.UnitTests.AcceptableUse.Services;

public sealed class ServiceNamesTests
{
    [Fact]
    public void Remember_SameNameInAnyCase_ReturnsOneSharedLowerCaseInstance()
    {
        var first = ServiceNames.Remember("RetrieveDRRSBatchStatus_v7");
        var second = ServiceNames.Remember("retrievedrrsbatchstatus_V7");

        Assert.Equal("retrievedrrsbatchstatus_v7", first);
        Assert.Same(first, second);
        Assert.True(ServiceNames.TryGetKnown("RETRIEVEDRRSBATCHSTATUS_V7", out var known));
        Assert.Same(first, known);
    }

    [Fact]
    public void Remember_BeyondCapacity_StillAnswersWithoutGrowingTheTable()
    {
        for (var i = 0; i < ServiceNames.Capacity + 10; i++)
        {
            Assert.Equal($"filler-{i}", ServiceNames.Remember($"FILLER-{i}"));
        }

        Assert.False(ServiceNames.TryGetKnown($"filler-{ServiceNames.Capacity + 9}", out _));
    }
}
