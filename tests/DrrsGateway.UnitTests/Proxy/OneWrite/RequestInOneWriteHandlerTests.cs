using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DrrsGateway.Proxy.OneWrite;

namespace DrrsGateway.UnitTests.Proxy.OneWrite;

/// <summary>
/// YARP's request content flushes the HTTP client's stream (the buffered headers) before it copies the body;
/// with a declared length that flush waits for the body's first bytes, so headers and body leave together.
/// </summary>
public sealed class RequestInOneWriteHandlerTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("<soap:Envelope>a body in two parts</soap:Envelope>");

    [Fact]
    public async Task Send_DeclaredLength_FlushBeforeTheBodyIsLeftToTheBodysWrites()
    {
        var connection = new RecordingConnection();
        using var client = new HttpMessageInvoker(new RequestInOneWriteHandler(connection));
        using var request = Request(new FlushFirstContent(Body), declaredLength: Body.Length);

        using var response = await client.SendAsync(request, CancellationToken.None);

        Assert.Equal(["write 25", $"write {Body.Length - 25}", "flush"], connection.Operations);
        Assert.Equal(Body, connection.Written);
    }

    [Fact]
    public async Task Send_DeclaredLength_KeepsEveryContentHeader()
    {
        var connection = new RecordingConnection();
        using var client = new HttpMessageInvoker(new RequestInOneWriteHandler(connection));
        using var request = Request(new FlushFirstContent(Body), declaredLength: Body.Length);
        request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse("text/xml; charset=utf-8");
        request.Content.Headers.TryAddWithoutValidation("Content-Encoding", "identity");

        using var response = await client.SendAsync(request, CancellationToken.None);

        var sent = connection.ContentHeaders!;
        Assert.Equal(Body.Length, sent.ContentLength);
        Assert.Equal("text/xml; charset=utf-8", sent.ContentType!.ToString());
        Assert.Equal(["identity"], sent.ContentEncoding);
    }

    [Fact]
    public async Task Send_NoDeclaredLength_KeepsTheEarlyFlush()
    {
        var connection = new RecordingConnection();
        using var client = new HttpMessageInvoker(new RequestInOneWriteHandler(connection));
        var content = new FlushFirstContent(Body);
        using var request = Request(content, declaredLength: null);

        using var response = await client.SendAsync(request, CancellationToken.None);

        Assert.Same(content, connection.Content);
        Assert.Equal(["flush", "write 25", $"write {Body.Length - 25}", "flush"], connection.Operations);
    }

    [Fact]
    public async Task Send_NoBody_SendsTheRequestAsItIs()
    {
        var connection = new RecordingConnection();
        using var client = new HttpMessageInvoker(new RequestInOneWriteHandler(connection));
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://drrs.example/metadata");

        using var response = await client.SendAsync(request, CancellationToken.None);

        Assert.Null(connection.Content);
        Assert.Empty(connection.Operations);
    }

    [Fact]
    public async Task Send_FlushAfterTheBodyBegan_IsPassedOn()
    {
        // A body copied in flushed pieces (YARP's streaming copy) keeps each flush once bytes were written.
        var connection = new RecordingConnection();
        using var client = new HttpMessageInvoker(new RequestInOneWriteHandler(connection));
        using var request = Request(new FlushFirstContent(Body, flushEachPart: true), declaredLength: Body.Length);

        using var response = await client.SendAsync(request, CancellationToken.None);

        Assert.Equal(["write 25", "flush", $"write {Body.Length - 25}", "flush", "flush"], connection.Operations);
    }

    [Fact]
    public void Dispose_DisposesTheWrappedBody()
    {
        var body = new FlushFirstContent(Body);

        new HeadersWithBodyContent(body).Dispose();

        Assert.True(body.Disposed);
    }

    private static HttpRequestMessage Request(HttpContent content, long? declaredLength)
    {
        if (declaredLength is { } length)
        {
            content.Headers.ContentLength = length;
        }

        return new HttpRequestMessage(HttpMethod.Post, "http://drrs.example/drrs") { Content = content };
    }

    /// <summary>Like YARP's request content: flushes first, then copies the body in two writes.</summary>
    private sealed class FlushFirstContent(byte[] body, bool flushEachPart = false) : HttpContent
    {
        public bool Disposed { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.FlushAsync();
            await stream.WriteAsync(body.AsMemory(0, 25));
            if (flushEachPart)
            {
                await stream.FlushAsync();
            }

            stream.Write(body.AsSpan(25));
            if (flushEachPart)
            {
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    /// <summary>Stands in for the HTTP client's connection: serializes the content into a stream that records what reaches it.</summary>
    private sealed class RecordingConnection : HttpMessageHandler
    {
        private readonly RecordingStream _stream = new();

        public HttpContent? Content { get; private set; }

        public HttpContentHeaders? ContentHeaders => Content?.Headers;

        public List<string> Operations => _stream.Operations;

        public byte[] Written => _stream.ToArray();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Content = request.Content;
            if (Content is not null)
            {
                await Content.CopyToAsync(_stream, cancellationToken);

                // The connection's own flush once the content is done, as SocketsHttpHandler's.
                await _stream.FlushAsync(cancellationToken);
            }

            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }

    private sealed class RecordingStream : Stream
    {
        private readonly MemoryStream _written = new();

        public List<string> Operations { get; } = [];

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _written.Length;

        public override long Position
        {
            get => _written.Position;
            set => throw new NotSupportedException();
        }

        public byte[] ToArray() => _written.ToArray();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Operations.Add($"write {buffer.Length}");
            _written.Write(buffer);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush() => Operations.Add("flush");

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flush();
            return Task.CompletedTask;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
