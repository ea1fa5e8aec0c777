using System.Text;

namespace DrrsGateway.AcceptableUse.Settings;

/// <summary>What a user or service name must look like before it may become part of a lock key.</summary>
internal static class NameRules
{
    /// <summary>
    /// Returns why <paramref name="name"/> cannot be used, or null when it can. Control characters and
    /// broken UTF-16 are refused so that every accepted name encodes to exactly one key.
    /// </summary>
    public static string? Check(string name, int maxLength, string what)
    {
        if (name.Length == 0)
        {
            return $"The {what} is empty.";
        }

        if (name.Length > maxLength)
        {
            return $"The {what} is longer than {maxLength} characters.";
        }

        // Printable ASCII, by far the common case, needs no rune-by-rune look.
        if (name.AsSpan().IndexOfAnyExceptInRange((char)0x20, (char)0x7E) < 0)
        {
            return null;
        }

        var rest = name.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                return $"The {what} is not valid text.";
            }

            // U+FFFD is what undecodable bytes become: two different byte strings would share one key.
            if (rune.Value == 0xFFFD)
            {
                return $"The {what} is not valid text.";
            }

            if (Rune.IsControl(rune))
            {
                return $"The {what} contains control characters.";
            }

            rest = rest[used..];
        }

        return null;
    }
}
