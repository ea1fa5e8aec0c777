using System.Reflection;
using DrrsGateway.AcceptableUse.Decisions;

namespace DrrsGateway.UnitTests.AcceptableUse.Decisions;

public sealed class AupOutcomeNamesTests
{
    [Fact]
    public void Names_EveryOutcome_HasADistinctMetricTagAndItsOwnNameAsDecision()
    {
        var outcomes = Enum.GetValues<AupOutcome>();

        Assert.Equal(outcomes.Length, outcomes.Select(AupOutcomeNames.MetricTag).Distinct(StringComparer.Ordinal).Count());
        Assert.All(outcomes, outcome => Assert.Equal(outcome.ToString(), AupOutcomeNames.Decision(outcome)));
        Assert.All(outcomes.Select(AupOutcomeNames.MetricTag), tag => Assert.Matches("^[a-z_]+$", tag));
    }

    [Fact]
    public void EventIds_AreDistinct()
    {
        var ids = typeof(EventIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(field => (int)field.GetValue(null)!).ToList();

        Assert.NotEmpty(ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
