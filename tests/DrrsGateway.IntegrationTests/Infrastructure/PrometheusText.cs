using System.Globalization;

namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>Reads samples out of a Prometheus text exposition.</summary>
public static class PrometheusText
{
    /// <summary>
    /// The value of the sample of <paramref name="metric"/> carrying every label in <paramref name="labels"/>
    /// (others may be present), or null when there is none.
    /// </summary>
    public static double? Sample(string exposition, string metric, params string[] labels)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(metric + "{", StringComparison.Ordinal))
            {
                continue;
            }

            var close = line.LastIndexOf('}');
            var labelText = line[(metric.Length + 1)..close];
            if (labels.All(label => labelText.Split(',').Contains(label, StringComparer.Ordinal)))
            {
                var value = line[(close + 1)..].Trim().Split(' ')[0];
                return double.Parse(value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
