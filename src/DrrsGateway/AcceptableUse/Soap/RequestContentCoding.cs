namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>
/// How a request body is encoded (<c>Content-Encoding</c>), as far as the envelope check must know: CXF's
/// GZIP feature sends SOAP calls gzip-compressed, and a compressed envelope can only be checked inflated.
/// </summary>
internal enum RequestContentCoding
{
    /// <summary>No encoding, or <c>identity</c>.</summary>
    Identity,

    /// <summary><c>gzip</c> (or its old alias <c>x-gzip</c>), once.</summary>
    Gzip,

    /// <summary>Anything else (<c>br</c>, <c>deflate</c>, two codings, two headers): the envelope cannot be read.</summary>
    Unsupported,
}
