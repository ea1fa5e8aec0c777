using System.Globalization;
using System.Net;

namespace DrrsGateway.Simulator.Tests;

public sealed class RequestCounterTests : IClassFixture<SimulatorFixture>
{
    private const string CounterHeader = "X-Drrs-Simulator-Request";

    private readonly HttpClient _client;

    public RequestCounterTests(SimulatorFixture fixture) => _client = fixture.Client;

    [Fact]
    public async Task Send_TwoOperations_CounterIncrementsByOne()
    {
        var first = await CountAfterAsync(SoapMessages.Soap11($"{SoapMessages.ServicePath}/RetrieveDRRSLocations_v1"));
        var second = await CountAfterAsync(SoapMessages.Soap11($"{SoapMessages.ServicePath}/RetrieveDRRSLocations_v1"));

        Assert.True(first >= 1);
        Assert.Equal(first + 1, second);
    }

    [Fact]
    public async Task Send_UnknownOperation_IsCountedToo()
    {
        var before = await CountAfterAsync(SoapMessages.Soap11($"{SoapMessages.ServicePath}/RetrieveDRRSLocations_v1"));
        var fault = await CountAfterAsync(SoapMessages.Soap11($"{SoapMessages.ServicePath}/NoSuchOperation_v1"));

        Assert.Equal(before + 1, fault);
    }

    [Fact]
    public async Task Get_Healthz_Answers200WithoutRaisingTheCount()
    {
        var before = await CountAfterAsync(SoapMessages.Soap11($"{SoapMessages.ServicePath}/RetrieveDRRSLocations_v1"));

        using var health = await _client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(before, Count(health));

        var after = await CountAfterAsync(SoapMessages.Soap11($"{SoapMessages.ServicePath}/RetrieveDRRSLocations_v1"));
        Assert.Equal(before + 1, after);
    }

    [Theory]
    [InlineData("GET", "/sst/runtime.asvc?wsdl")]
    [InlineData("GET", "/sst/runtime.asvc/RetrieveDRRSLocations_v1?WSDL")]
    [InlineData("GET", "/sst/runtime.asvc/RetrieveDRRSLocations_v1?singleWsdl")]
    [InlineData("GET", "/sst/runtime.asvc/RetrieveDRRSLocations_v1?xsd=1")]
    [InlineData("HEAD", "/sst/runtime.asvc?wsdl")]
    [InlineData("GET", "/sst/runtime.asvc/NoSuchOperation_v1?wsdl")]
    public async Task Send_MetadataRead_IsNotCounted(string method, string path)
    {
        var before = await CountAfterAsync(SoapMessages.Soap11($"{SoapMessages.ServicePath}/RetrieveDRRSLocations_v1"));

        var during = await CountAfterAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var after = await CountAfterAsync(SoapMessages.Soap11($"{SoapMessages.ServicePath}/RetrieveDRRSLocations_v1"));
        Assert.Equal(before, during);
        Assert.Equal(before + 1, after);
    }

    [Fact]
    public async Task Send_PostWithWsdlQuery_IsCountedAsACall()
    {
        var before = await CountAfterAsync(SoapMessages.Soap11($"{SoapMessages.ServicePath}/RetrieveDRRSLocations_v1"));

        var call = await CountAfterAsync(SoapMessages.Soap11($"{SoapMessages.ServicePath}/RetrieveDRRSLocations_v1?wsdl"));

        Assert.Equal(before + 1, call);
    }

    [Fact]
    public async Task Send_MtomCall_IsCountedOnce()
    {
        var before = await CountAfterAsync(SoapMessages.Soap11($"{SoapMessages.ServicePath}/RetrieveDRRSLocations_v1"));

        var call = await CountAfterAsync(MultipartMessages.Mtom11(
            SoapMessages.ServicePath,
            SoapMessages.Action("SubmitDRRSLocations_v1"),
            SoapMessages.Envelope(SoapMessages.Soap11Namespace)));

        Assert.Equal(before + 1, call);
    }

    private async Task<long> CountAfterAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await _client.SendAsync(request);
            return Count(response);
        }
    }

    private static long Count(HttpResponseMessage response) =>
        long.Parse(Assert.Single(response.Headers.GetValues(CounterHeader)), CultureInfo.InvariantCulture);
}
