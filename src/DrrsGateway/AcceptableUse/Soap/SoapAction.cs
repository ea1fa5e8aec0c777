using System.Buffers;

namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>
/// Finds the operation a SOAP action URI names: <c>"http://www.caiso.com/soa/submitDRRSLocations_v1"</c>
/// → <c>submitDRRSLocations_v1</c>, syntax only. Which names are operations, and the one string each is
/// kept as, is for the service catalog to say.
/// </summary>
internal static class SoapAction
{
    /// <summary>Longest operation name considered; longer actions fall back to the path.</summary>
    internal const int MaxOperationLength = 256;

    // Operation names are XML names; anything else in that position is not an operation.
    private static readonly SearchValues<char> OperationChars =
        SearchValues.Create("-._0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>
    /// The part after the last <c>/</c> or <c>#</c> of <paramref name="action"/>, quotes and spaces stripped,
    /// as written: a slice of <paramref name="action"/>, so nothing is copied. Empty when that part is empty
    /// or not an operation name.
    /// </summary>
    public static ReadOnlyMemory<char> Operation(ReadOnlyMemory<char> action)
    {
        action = action.Trim();
        if (action.Length >= 2 && action.Span[0] == '"' && action.Span[^1] == '"')
        {
            action = action[1..^1].Trim();
        }

        var operation = action[(action.Span.LastIndexOfAny('/', '#') + 1)..];
        return IsOperationName(operation.Span) ? operation : default;
    }

    /// <summary>Whether <paramref name="name"/> is made only of the characters an operation name may hold.</summary>
    public static bool IsOperationName(ReadOnlySpan<char> name) => !name.IsEmpty && !name.ContainsAnyExcept(OperationChars);
}
