using System.Net;
using System.Net.Sockets;

namespace DrrsGateway.ContainerTests.Compose;

/// <summary>
/// A published port as Docker's userland proxy makes one: it accepts on the host and connects to the
/// container from the bridge's gateway address, which is therefore the peer the container sees (and the
/// address the compose file's trusted range must hold).
/// </summary>
internal sealed class PortPublisher : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly IPAddress _from;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    public PortPublisher(IPEndPoint target, IPAddress from)
    {
        _target = target;
        _from = from;
        // A free loopback port rather than the file's fixed host port, which this machine may already use.
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient(new IPEndPoint(_from, 0)))
        {
            try
            {
                await upstream.ConnectAsync(_target, _stopping.Token);
                var inbound = client.GetStream();
                var outbound = upstream.GetStream();
                await Task.WhenAny(
                    CopyThenShutdownAsync(inbound, upstream.Client),
                    CopyThenShutdownAsync(outbound, client.Client));
            }
            catch (Exception error) when (error is SocketException or IOException or OperationCanceledException)
            {
                // Either side went away: close both, as the proxy does.
            }
        }
    }

    private async Task CopyThenShutdownAsync(NetworkStream from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _stopping.Token)) > 0)
        {
            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stopping.Token);
        }

        to.Shutdown(SocketShutdown.Send);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stopping.Dispose();
    }
}
