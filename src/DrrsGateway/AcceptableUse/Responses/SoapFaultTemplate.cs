using System.Globalization;
using System.Text;

namespace DrrsGateway.AcceptableUse.Responses;

/// <summary>
/// A rendered fault whose <c>creationDateTime</c> is a placeholder: rendering runs once per distinct answer,
/// and each response only copies the bytes and writes its own timestamp over the placeholder.
/// </summary>
internal sealed class SoapFaultTemplate
{
    // xs:dateTime in UTC with milliseconds: always 24 characters for years 1000 to 9999.
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    private const int TimestampLength = 24;

    // Text content never holds a raw '<', so this markup marks the one timestamp whatever the message says.
    private static readonly byte[] TimestampElement = "<creationDateTime>"u8.ToArray();

    private readonly byte[] _bytes;
    private readonly int _timestampAt;

    public SoapFaultTemplate(byte[] rendered)
    {
        var element = rendered.AsSpan().IndexOf(TimestampElement);
        var placeholder = Encoding.ASCII.GetBytes(Placeholder);
        if (element < 0 || !rendered.AsSpan(element + TimestampElement.Length).StartsWith(placeholder))
        {
            throw new ArgumentException("The fault holds no creationDateTime placeholder.", nameof(rendered));
        }

        _bytes = rendered;
        _timestampAt = element + TimestampElement.Length;
    }

    /// <summary>What rendering writes as the <c>creationDateTime</c>, replaced in every response.</summary>
    public static string Placeholder { get; } = DateTime.UnixEpoch.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public int Length => _bytes.Length;

    /// <summary>Copies the fault into <paramref name="destination"/> with <paramref name="now"/> as its creationDateTime.</summary>
    public void WriteTo(Span<byte> destination, DateTimeOffset now)
    {
        _bytes.CopyTo(destination);
        var timestamp = destination.Slice(_timestampAt, TimestampLength);
        if (!now.UtcDateTime.TryFormat(timestamp, out var written, TimestampFormat, CultureInfo.InvariantCulture) || written != TimestampLength)
        {
            throw new ArgumentOutOfRangeException(nameof(now), now, "The time does not fit an xs:dateTime of four-digit year.");
        }
    }
}
