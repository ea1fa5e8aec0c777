using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A stand-in for DRRS on a raw loopback socket that records, for every request, what its first read
/// returned: the bytes one write of the gateway put on the wire. Answers each complete request 200.
/// </summary>
public sealed class FirstReadBackend : IAsyncDisposable
{
    private const string Answer = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 5\r\n\r\n<ok/>";

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<FirstRead> _firstReads = new();
    private readonly Task _accepting;

    private FirstReadBackend(TcpListener listener)
    {
        _listener = listener;
        _accepting = AcceptAsync();
    }

    /// <summary>The address to configure as the cluster's destination.</summary>
    public string Address => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Every request's first read, in arrival order.</summary>
    public IReadOnlyCollection<FirstRead> FirstReads => _firstReads;

    public static FirstReadBackend Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new FirstReadBackend(listener);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                var socket = await _listener.AcceptSocketAsync(_stopping.Token);
                connections.Add(ServeAsync(socket));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        var buffer = new byte[1 << 16];
        try
        {
            while (true)
            {
                var first = await socket.ReceiveAsync(buffer, _stopping.Token);
                if (first == 0)
                {
                    return;
                }

                var request = new List<byte>(buffer.AsSpan(0, first).ToArray());
                _firstReads.Enqueue(new FirstRead(Encoding.ASCII.GetString(buffer, 0, first)));
                while (!IsComplete(request))
                {
                    var more = await socket.ReceiveAsync(buffer, _stopping.Token);
                    if (more == 0)
                    {
                        return;
                    }

                    request.AddRange(buffer.AsSpan(0, more).ToArray());
                }

                await socket.SendAsync(Encoding.ASCII.GetBytes(Answer), _stopping.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
        }
    }

    private static bool IsComplete(List<byte> request) =>
        new FirstRead(Encoding.ASCII.GetString(request.ToArray())).IsWholeRequest;

    /// <summary>What one read returned: the request line and headers, and as much of the body as came with them.</summary>
    public sealed record FirstRead(string Text)
    {
        private int HeaderEnd => Text.IndexOf("\r\n\r\n", StringComparison.Ordinal);

        /// <summary>The body's declared length, or 0 when the read ended inside the headers or declared none.</summary>
        public int DeclaredLength
        {
            get
            {
                if (HeaderEnd < 0)
                {
                    return 0;
                }

                foreach (var line in Text[..HeaderEnd].Split("\r\n"))
                {
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    {
                        return int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    }
                }

                return 0;
            }
        }

        /// <summary>The headers and every byte of the declared body.</summary>
        public bool IsWholeRequest => HeaderEnd >= 0 && Text.Length - (HeaderEnd + 4) >= DeclaredLength;
    }
}
