using System.Text.RegularExpressions;

namespace DrrsGateway.IntegrationTests.Monitoring;

/// <summary>
/// The metric names a PromQL expression selects. Enough of PromQL for the shipped rules and dashboard:
/// strings, label matchers, ranges and grouping lists are dropped; what remains is functions and operators
/// (a name followed by "(", an aggregation, a keyword) and metric names.
/// </summary>
internal static partial class PromQlMetricNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "bool", "offset", "inf", "nan", "atan2",
        "sum", "avg", "min", "max", "count", "group", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "limitk", "limit_ratio",
    };

    // Followed by a parenthesised list of label names, which are no metrics.
    private static readonly HashSet<string> LabelListKeywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right",
    };

    public static IReadOnlySet<string> Of(string expression)
    {
        var text = Bracketed().Replace(Strings().Replace(expression, "\"\""), " ");
        var names = new HashSet<string>(StringComparer.Ordinal);
        var tokens = Token().Matches(text);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.Groups["name"].Success)
            {
                continue;
            }

            var name = token.Value;
            var next = NextNonSpace(text, token.Index + token.Length);
            if (LabelListKeywords.Contains(name))
            {
                // Skip the label names up to the list's closing parenthesis (group_left may have no list).
                var close = next == '(' ? text.IndexOf(')', token.Index) : -1;
                while (i + 1 < tokens.Count && tokens[i + 1].Index < close)
                {
                    i++;
                }
            }
            else if (!Keywords.Contains(name) && next != '(')
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static char NextNonSpace(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return text[i];
            }
        }

        return '\0';
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`")]
    private static partial Regex Strings();

    // Label matchers {…} and ranges or subqueries […]; strings are already gone, so neither nests.
    [GeneratedRegex(@"\{[^}]*\}|\[[^\]]*\]")]
    private static partial Regex Bracketed();

    // Numbers and durations first (5m, 0.99, 1e-9), so their letters are not read as names.
    [GeneratedRegex(@"(?<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[a-zA-Z]*)|(?<name>[A-Za-z_:][A-Za-z0-9_:]*)")]
    private static partial Regex Token();
}
