using System.Buffers;

namespace DrrsGateway.AcceptableUse.Soap;

/// <summary>
/// Turns a SOAP action URI into the operation it names: <c>"http://www.caiso.com/soa/submitDRRSLocations_v1"</c>
/// → <c>submitdrrslocations_v1</c>, the same name its path segment gives, so both key one service.
/// </summary>
internal static class SoapAction
{
    /// <summary>Longest operation name considered; longer actions fall back to the path.</summary>
    internal const int MaxOperationLength = 256;

    // Operation names are XML names; anything else in that position is not an operation.
    private static readonly SearchValues<char> OperationChars =
        SearchValues.Create("-._0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>
    /// The lower-cased part after the last <c>/</c> or <c>#</c> of <paramref name="action"/>, quotes and
    /// spaces stripped and a <c>_DocAttach</c> after its version dropped, as <paramref name="names"/> holds it;
    /// null when that is empty or not an operation name.
    /// </summary>
    public static string? Operation(ReadOnlySpan<char> action, Services.ServiceNames names)
    {
        action = action.Trim();
        if (action.Length >= 2 && action[0] == '"' && action[^1] == '"')
        {
            action = action[1..^1].Trim();
        }

        // A DocAttach action names the same operation as the plain one: one service under the policy.
        var operation = Services.DocAttach.WithoutSuffix(action[(action.LastIndexOfAny('/', '#') + 1)..]);
        if (operation.IsEmpty || operation.Length > MaxOperationLength || operation.ContainsAnyExcept(OperationChars))
        {
            return null;
        }

        return names.Remember(operation);
    }

    /// <summary>Whether <paramref name="name"/> is made only of the characters an operation name may hold.</summary>
    public static bool IsOperationName(ReadOnlySpan<char> name) => !name.IsEmpty && !name.ContainsAnyExcept(OperationChars);
}
