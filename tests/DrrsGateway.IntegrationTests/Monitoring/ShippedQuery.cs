namespace DrrsGateway.IntegrationTests.Monitoring;

/// <summary>One PromQL expression of the shipped monitoring files, and where it comes from.</summary>
internal sealed record ShippedQuery(string Where, string Expression)
{
    /// <summary>The metric names it selects.</summary>
    public IReadOnlySet<string> MetricNames => PromQlMetricNames.Of(Expression);

    /// <summary>
    /// As Grafana sends it, for the dashboard's variables: the job, every replica, and a rate interval a few
    /// times the test's 1 s scrape interval (Grafana's <c>$__rate_interval</c>).
    /// </summary>
    public string ForPrometheus(string job) => Expression
        .Replace("$__rate_interval", "10s", StringComparison.Ordinal)
        .Replace("$job", job, StringComparison.Ordinal)
        .Replace("$instance", ".*", StringComparison.Ordinal);

    public override string ToString() => Where;
}
