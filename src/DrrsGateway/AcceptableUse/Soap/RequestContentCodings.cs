namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>Reads a request's <c>Content-Encoding</c> into a <see cref="RequestContentCoding"/>.</summary>
internal static class RequestContentCodings
{
    public static RequestContentCoding Of(HttpRequest request)
    {
        var header = request.Headers.ContentEncoding;
        if (header.Count == 0)
        {
            return RequestContentCoding.Identity;
        }

        if (header.Count > 1)
        {
            // Two headers are two codings applied in turn: the gateway inflates at most one.
            return RequestContentCoding.Unsupported;
        }

        var coding = RequestContentCoding.Identity;
        var value = (header[0] ?? "").AsSpan();
        foreach (var range in value.Split(','))
        {
            var token = value[range].Trim();
            if (token.IsEmpty || token.Equals("identity", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var isGzip = token.Equals("gzip", StringComparison.OrdinalIgnoreCase) || token.Equals("x-gzip", StringComparison.OrdinalIgnoreCase);
            if (!isGzip || coding == RequestContentCoding.Gzip)
            {
                return RequestContentCoding.Unsupported;
            }

            coding = RequestContentCoding.Gzip;
        }

        return coding;
    }
}
