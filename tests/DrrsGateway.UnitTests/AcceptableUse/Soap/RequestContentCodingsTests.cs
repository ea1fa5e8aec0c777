using DrrsGateway.AcceptableUse.Soap;
using Microsoft.AspNetCore.Http;

namespace DrrsGateway.UnitTests.AcceptableUse.Soap;

public sealed class RequestContentCodingsTests
{
    [Theory]
    [InlineData(null, "Identity")]
    [InlineData("identity", "Identity")]
    [InlineData("gzip", "Gzip")]
    [InlineData("GZIP", "Gzip")]
    [InlineData("x-gzip", "Gzip")]
    [InlineData("identity, gzip", "Gzip")]
    [InlineData("gzip, gzip", "Unsupported")]
    [InlineData("deflate", "Unsupported")]
    [InlineData("br", "Unsupported")]
    [InlineData("gzip, br", "Unsupported")]
    public void Of_ContentEncoding_IsWhatTheEnvelopeCheckCanRead(string? header, string expected)
    {
        var context = new DefaultHttpContext();
        if (header is not null)
        {
            context.Request.Headers.ContentEncoding = header;
        }

        Assert.Equal(expected, RequestContentCodings.Of(context.Request).ToString());
    }

    [Fact]
    public void Of_TwoHeaders_IsUnsupported()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.ContentEncoding = new(["gzip", "gzip"]);

        Assert.Equal(RequestContentCoding.Unsupported, RequestContentCodings.Of(context.Request));
    }
}
