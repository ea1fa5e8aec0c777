using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;

namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>
/// Checks that the gateway itself refused a SOAP 1.1 request it could not key: a <c>SOAP-ENV:Client</c> fault
/// carrying the gateway's reason, with HTTP 400 (the caller's fault; only policy refusals use the SOAP 1.1
/// binding's 500), not a backend's answer.
/// </summary>
internal static class GatewayRefusal
{
    public static async Task AssertSoap11Async(HttpResponseMessage response, string reason)
    {
        var fault = await SoapFault.ReadAsync(response);
        Assert.Equal((HttpStatusCode.BadRequest, "SOAP-ENV:Client", reason), (response.StatusCode, fault.Code, fault.Message));
    }
}
