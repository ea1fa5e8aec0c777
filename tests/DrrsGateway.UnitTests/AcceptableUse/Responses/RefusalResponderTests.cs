using DrrsGateway.AcceptableUse.Responses;
using Microsoft.AspNetCore.Http;

namespace DrrsGateway.UnitTests.AcceptableUse.Responses;

public sealed class RefusalResponderTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("*/*", false)]
    [InlineData("text/plain", false)]
    [InlineData("text/xml", false)]
    [InlineData("application/json", true)]
    [InlineData("application/problem+json", true)]
    [InlineData("text/plain, application/json;q=0.5", true)]
    [InlineData("application/json;q=0", false)]
    [InlineData("APPLICATION/JSON", true)]
    [InlineData("application/jsonx", false)]
    [InlineData("garbage;;;==", false)]
    public void WantsJson_AcceptHeader_DecidesProblemDetails(string? accept, bool expected)
    {
        var context = new DefaultHttpContext();
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        Assert.Equal(expected, RefusalResponder.WantsJson(context.Request));
    }
}
