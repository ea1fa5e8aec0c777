using DrrsGateway.AcceptableUse.Services;

namespace DrrsGateway.UnitTests.AcceptableUse.Services;

public sealed class ServiceNamesTests
{
    private readonly ServiceNames _names = new(capacity: 16);

    [Fact]
    public void Remember_SameNameInAnyCase_ReturnsOneSharedLowerCaseInstance()
    {
        var first = _names.Remember("RetrieveDRRSBatchStatus_v7");
        var second = _names.Remember("retrievedrrsbatchstatus_V7");

        Assert.Equal("retrievedrrsbatchstatus_v7", first);
        Assert.Same(first, second);
        Assert.True(_names.TryGetKnown("RETRIEVEDRRSBATCHSTATUS_V7", out var known));
        Assert.Same(first, known);
    }

    [Fact]
    public void Remember_BeyondCapacity_StillAnswersWithoutGrowingTheTable()
    {
        for (var i = 0; i < 16 + 10; i++)
        {
            Assert.Equal($"filler-{i}", _names.Remember($"FILLER-{i}"));
        }

        Assert.False(_names.TryGetKnown($"filler-{16 + 9}", out _));
    }
}
