namespace DrrsGateway.AcceptableUse.Settings;

/// <summary>
/// Parses a setting that must be exactly one name of <typeparamref name="TEnum"/> (any case). Unlike
/// <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> it refuses numbers and comma lists, so
/// "Enforce,Off" or "2" can never turn into a value nobody wrote.
/// </summary>
internal static class EnumNames<TEnum>
    where TEnum : struct, Enum
{
    private static readonly TEnum[] Values = Enum.GetValues<TEnum>();
    private static readonly string[] Names = Array.ConvertAll(Values, value => value.ToString());

    public static bool TryParse(ReadOnlySpan<char> text, out TEnum value)
    {
        text = text.Trim();
        for (var i = 0; i < Names.Length; i++)
        {
            if (text.Equals(Names[i], StringComparison.OrdinalIgnoreCase))
            {
                value = Values[i];
                return true;
            }
        }

        value = default;
        return false;
    }
}
