using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace DrrsGateway.IntegrationTests.Peers;

/// <summary>
/// An HTTP/1.1 request written byte for byte, for what HttpClient will not send: the same header on two
/// lines (HttpClient folds repeated values into one line).
/// </summary>
internal static class RawHttp
{
    /// <summary>POSTs <paramref name="body"/> to <paramref name="path"/> with the given header lines; returns the status code.</summary>
    public static async Task<int> PostAsync(Uri server, string path, IEnumerable<string> headerLines, string body)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var stream = tcp.GetStream();
        var content = Encoding.UTF8.GetBytes(body);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {content.Length}\r\n");
        foreach (var line in headerLines)
        {
            head.Append(line).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
        await stream.WriteAsync(content);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync();
        // "HTTP/1.1 200 OK": the status is the second word of the first line.
        return int.Parse(answer.AsSpan(9, 3), CultureInfo.InvariantCulture);
    }
}
