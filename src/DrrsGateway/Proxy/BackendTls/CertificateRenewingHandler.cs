namespace DrrsGateway.Proxy.BackendTls;

/// <summary>
/// Sends a cluster's requests through a connection pool made for its current client certificate. When the
/// certificate is renewed, the next request gets a fresh pool, so every new connection presents the new
/// certificate at once (HTTP/2 would otherwise keep one connection, and its certificate, for hours); the old
/// pool is disposed once the requests it was sending have returned, and connections still carrying a response
/// body close when that body ends.
/// </summary>
internal sealed class CertificateRenewingHandler : HttpMessageHandler
{
    private readonly ClientCertificateHolder _certificate;
    private readonly Func<HttpMessageHandler> _createPool;
    private readonly Lock _swapping = new();
    private Pool _current;
    private bool _disposed;

    /// <param name="first">The pool made with the client, for the certificate current now.</param>
    /// <param name="certificate">The cluster's certificate, whose version says when to renew.</param>
    /// <param name="createPool">Makes a pool configured like <paramref name="first"/>.</param>
    public CertificateRenewingHandler(HttpMessageHandler first, ClientCertificateHolder certificate, Func<HttpMessageHandler> createPool)
    {
        _certificate = certificate;
        _createPool = createPool;
        _current = new Pool(first, certificate.Version);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var pool = Acquire();
        try
        {
            return await pool.Invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            pool.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_swapping)
            {
                if (!_disposed)
                {
                    _disposed = true;
                    _current.Release();
                }
            }
        }

        base.Dispose(disposing);
    }

    private Pool Acquire()
    {
        lock (_swapping)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var version = _certificate.Version;
            if (_current.Version != version)
            {
                var retired = _current;
                _current = new Pool(_createPool(), version);
                retired.Release();
            }

            _current.AddUser();
            return _current;
        }
    }

    // One connection pool, counted: one for being current plus one per request being sent through it.
    private sealed class Pool(HttpMessageHandler handler, int version)
    {
        private int _users = 1;

        public HttpMessageInvoker Invoker { get; } = new(handler, disposeHandler: true);

        public int Version { get; } = version;

        public void AddUser() => Interlocked.Increment(ref _users);

        public void Release()
        {
            if (Interlocked.Decrement(ref _users) == 0)
            {
                Invoker.Dispose();
            }
        }
    }
}
