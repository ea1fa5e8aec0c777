using System.IO.Compression;
using System.Text;
using DrrsGateway.AcceptableUse.Hold;

namespace DrrsGateway.UnitTests.AcceptableUse.Hold;

public sealed class BackendRefusalRuleTests
{
    private const string Message =
        "CAISO DRRS Acceptable Use Policy Violation. Please retry your request again in 30 seconds from now. Note: Time resets each time you request before expiration.";

    private static readonly BackendRefusalRule Default = Rule(new AupHoldOptions());

    [Theory]
    [InlineData(500, "<faultstring>" + Message + "</faultstring>", true)]
    [InlineData(429, "", true)]
    [InlineData(429, "<html><body><p>CAISO Acceptable Use Policy Violation. Please retry your request after 5 seconds.</p></body></html>", true)]
    [InlineData(500, "<faultstring>Invalid registration</faultstring>", false)]
    [InlineData(200, Message, false)]
    [InlineData(503, "", false)]
    public void IsRefusal_StatusAndBody_AsTheRuleSays(int status, string body, bool refusal) =>
        Assert.Equal(refusal, Default.IsRefusal(status, null, Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void IsRefusal_GzipEncodedFault_IsReadInflated()
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionMode.Compress, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes("<faultstring>" + Message + "</faultstring>"));
        }

        Assert.True(Default.IsRefusal(500, "gzip", compressed.ToArray()));
        Assert.False(Default.IsRefusal(500, "gzip", Encoding.UTF8.GetBytes("not gzip at all")));
    }

    [Fact]
    public void IsRefusal_RuleWithoutStatusOrText_SeesNone()
    {
        var none = Rule(new AupHoldOptions { BackendRefusalStatusCode = 0, BackendRefusalText = "" });

        Assert.False(none.MayBeRefusal(500));
        Assert.False(none.IsRefusal(429, null, Encoding.UTF8.GetBytes(Message)));
    }

    [Fact]
    public void MayBeRefusal_SuccessfulAnswer_IsNeverHeldBack()
    {
        Assert.False(Default.MayBeRefusal(200));
        Assert.True(Default.MayBeRefusal(500));
    }

    [Theory]
    [InlineData(-1, 429, "Aup:Hold:MaxReplayBodyBytes")]
    [InlineData(16, 200, "Aup:Hold:BackendRefusalStatusCode")]
    [InlineData(16, 600, "Aup:Hold:BackendRefusalStatusCode")]
    public void Create_BadSetting_IsNamed(long maxReplay, int status, string setting)
    {
        var failures = new List<string>();

        BackendRefusalRule.Create(new AupHoldOptions { MaxReplayBodyBytes = maxReplay, BackendRefusalStatusCode = status }, failures);

        Assert.Contains(failures, failure => failure.StartsWith(setting, StringComparison.Ordinal));
    }

    private static BackendRefusalRule Rule(AupHoldOptions options)
    {
        var failures = new List<string>();
        var rule = BackendRefusalRule.Create(options, failures);
        Assert.Empty(failures);
        return rule;
    }
}
