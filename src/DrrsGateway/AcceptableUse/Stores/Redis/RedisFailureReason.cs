using System.Security.Authentication;
using System.Text.RegularExpressions;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// Turns the client library's connection failure (a long diagnostic text around the server's answer) into
/// the reason an operator can act on: wrong password, a command the ACL refuses, a TLS problem.
/// </summary>
internal static partial class RedisFailureReason
{
    private const int MaxDetailLength = 300;

    public static string Describe(Exception? failure, bool tls, bool clientCertificate, bool password)
    {
        if (failure is null)
        {
            return "no error was reported yet";
        }

        var chain = Chain(failure).ToList();
        var text = string.Join(" | ", chain.Select(e => e.Message));
        // A failed AUTH surfaces as NOAUTH on the next handshake command, tagged AuthenticationFailure.
        var authentication = text.Contains("WRONGPASS", StringComparison.Ordinal)
            || text.Contains("invalid username-password", StringComparison.OrdinalIgnoreCase)
            || text.Contains("AuthenticationFailure", StringComparison.Ordinal)
            || text.Contains("NOAUTH", StringComparison.Ordinal);
        if (authentication && password)
        {
            return "Redis refused the user name or password of ConnectionStrings:Redis (authentication failed)";
        }

        if (authentication)
        {
            return "Redis requires authentication: set password= (and user= for an ACL user) in ConnectionStrings:Redis (NOAUTH)";
        }

        if (RefusedCommand(text) is { } command)
        {
            return $"the Redis ACL user may not run '{command}', which the client needs to connect: grant it (see the ACL line in deploy/README.md) (NOPERM)";
        }

        // OpenSSL's TLS 1.3 alert, sent after the handshake when the server wanted a certificate.
        if (text.Contains("certificate required", StringComparison.OrdinalIgnoreCase))
        {
            return clientCertificate
                ? "the server asked for a client certificate and did not take the one presented (Redis:Tls:ClientCertificatePath)"
                : "the server requires a client certificate (tls-auth-clients yes) and none was presented: set Redis:Tls:ClientCertificatePath and Redis:Tls:ClientKeyPath";
        }

        if (chain.OfType<AuthenticationException>().FirstOrDefault() is { } handshake)
        {
            return $"the TLS handshake failed ({Trim(handshake.Message)}){ClientCertificateHint(tls, clientCertificate)}";
        }

        // Whether the server's refusal of a missing client certificate arrives as its alert or as a torn
        // connection (OpenSSL's "error - 5") depends on timing: both are TLS failures.
        if (tls && (text.Contains("SSL", StringComparison.Ordinal) || chain.Any(e => e is IOException || e.GetType().Name.Contains("Ssl", StringComparison.Ordinal))))
        {
            return $"the TLS session failed ({Trim(chain[^1].Message)}){ClientCertificateHint(tls, clientCertificate)}";
        }

        var detail = Trim(chain[^1].Message);
        if (tls && !clientCertificate && LooksClosedByServer(text))
        {
            return $"the server closed the connection during or right after the TLS handshake ({detail}); if it requires client certificates (tls-auth-clients yes), set Redis:Tls:ClientCertificatePath and Redis:Tls:ClientKeyPath";
        }

        // Past the TCP connect (no socket error) a TLS connection without a client certificate most often
        // fails because the server wants one, whatever shape the failure took.
        if (tls && !clientCertificate && !chain.Any(e => e is System.Net.Sockets.SocketException))
        {
            return $"{detail}{ClientCertificateHint(tls, clientCertificate)}";
        }

        if (!tls && LooksClosedByServer(text))
        {
            return $"the server closed the connection ({detail}); if Redis listens with TLS, add ssl=true to ConnectionStrings:Redis or set Redis:Tls:Enabled=true";
        }

        return detail;
    }

    /// <summary>The command a NOPERM answer names, as Redis spells it (<c>echo</c>, <c>client|id</c>), or null.</summary>
    public static string? RefusedCommand(string message) =>
        NoPermission().Match(message) is { Success: true } match ? match.Groups["command"].Value : null;

    private static string ClientCertificateHint(bool tls, bool clientCertificate) =>
        tls && !clientCertificate
            ? "; if the server requires client certificates (tls-auth-clients yes), set Redis:Tls:ClientCertificatePath and Redis:Tls:ClientKeyPath"
            : "";

    private static bool LooksClosedByServer(string text) =>
        text.Contains("SocketClosed", StringComparison.Ordinal)
        || text.Contains("ReadEndOfStream", StringComparison.Ordinal)
        || text.Contains("reset by peer", StringComparison.OrdinalIgnoreCase)
        || text.Contains("ProtocolFailure", StringComparison.Ordinal);

    private static IEnumerable<Exception> Chain(Exception failure)
    {
        for (var current = failure; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    // The client's messages append dozens of counters after the first comma-separated part.
    private static string Trim(string message)
    {
        var line = message.ReplaceLineEndings(" ");
        var counters = line.IndexOf(", mc: ", StringComparison.Ordinal);
        if (counters > 0)
        {
            line = line[..counters];
        }

        return line.Length <= MaxDetailLength ? line : line[..MaxDetailLength] + "…";
    }

    [GeneratedRegex(@"NOPERM [^']*'(?<command>[^']+)' command", RegexOptions.CultureInvariant)]
    private static partial Regex NoPermission();
}
