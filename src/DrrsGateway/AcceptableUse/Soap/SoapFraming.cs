namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>How a request's body carries its XML envelope, as its content type tells.</summary>
internal enum SoapFraming
{
    /// <summary>No XML envelope: the body is not looked at.</summary>
    None,

    /// <summary>The body is the envelope (<c>text/xml</c>, <c>application/soap+xml</c>).</summary>
    Plain,

    /// <summary>The envelope is the root part of <c>multipart/related</c> (SOAP with Attachments, MTOM/XOP).</summary>
    Multipart,
}
