namespace DrrsGateway.IntegrationTests.Monitoring;

/// <summary>The metric-name reader the consistency tests rely on, on the shapes the shipped files use.</summary>
public sealed class PromQlMetricNamesTests
{
    [Theory]
    [InlineData("max by (job, instance) (drrs_aup_store_breaker_open{job=\"drrs-gateway\"}) > 0", "drrs_aup_store_breaker_open")]
    [InlineData("histogram_quantile(0.99, sum by (job, instance, le) (rate(drrs_aup_store_duration_seconds_bucket{result=\"success\"}[5m]))) > 0.1", "drrs_aup_store_duration_seconds_bucket")]
    [InlineData("(sum(drrs_gateway_ready{job=\"drrs-gateway\"}) or on() vector(0)) < 1", "drrs_gateway_ready")]
    [InlineData("sum(rate(a_total{x=\"by (b)\"}[5m])) > 5 * (sum(rate(a_total[1d] offset 5m)) or on() vector(0))", "a_total")]
    [InlineData("sum(rate(a_total[$__rate_interval])) / ignoring(le) group_left sum(b_total)", "a_total b_total")]
    [InlineData("x:recorded:rate5m + on(instance) group_left(version) info_metric", "x:recorded:rate5m info_metric")]
    public void Of_Expression_NamesOnlyTheSelectedMetrics(string expression, string expected)
    {
        Assert.Equal(expected.Split(' ').Order(StringComparer.Ordinal), PromQlMetricNames.Of(expression).Order(StringComparer.Ordinal));
    }
}
