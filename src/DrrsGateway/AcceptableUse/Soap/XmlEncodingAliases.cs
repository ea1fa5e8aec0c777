using System.Text;

namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>
/// Spellings of UTF-8 that XML declarations carry but .NET does not know: Python's ElementTree writes
/// <c>encoding='utf8'</c> (<c>ET.tostring(envelope, encoding="utf8")</c>, as CAISO's own B2B helper builds its
/// envelopes), and lxml and Java parsers accept it. Without them the envelope check would call such an
/// envelope malformed and refuse a call the backend reads. Only UTF-8 aliases are added: another encoding
/// still has to be one .NET knows.
/// </summary>
internal sealed class XmlEncodingAliases : EncodingProvider
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private static readonly Lazy<bool> Registered = new(() =>
    {
        Encoding.RegisterProvider(new XmlEncodingAliases());
        return true;
    });

    private XmlEncodingAliases()
    {
    }

    /// <summary>Registers the aliases with <see cref="Encoding"/> once per process.</summary>
    public static void EnsureRegistered() => _ = Registered.Value;

    public override Encoding? GetEncoding(string name) =>
        name.Equals("utf8", StringComparison.OrdinalIgnoreCase) || name.Equals("utf_8", StringComparison.OrdinalIgnoreCase) ? Utf8 : null;

    public override Encoding? GetEncoding(int codepage) => null;
}
