using System.Globalization;

namespace DrrsGateway.Infrastructure;

/// <summary>
/// The one range rule for numeric settings and the one way its failure is worded: every range-checked
/// setting, whether an options validator, a policy builder or a value read while the host is built, checks
/// it here, so each message names the setting, the allowed range and the value in the same form.
/// </summary>
/// <param name="Minimum">The lowest allowed value.</param>
/// <param name="Maximum">The highest allowed value.</param>
internal readonly record struct SettingRange(long Minimum, long Maximum)
{
    public bool Contains(long value) => value >= Minimum && value <= Maximum;

    /// <summary>The range as messages state it: "from 1 to 86400".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"from {Minimum} to {Maximum}");

    /// <summary>
    /// The message for <paramref name="value"/> of <paramref name="setting"/>, or null when it is in range;
    /// <paramref name="note"/> (in brackets after the range) says what the range means where that is not obvious.
    /// </summary>
    public string? Problem(string setting, long value, string? note = null) =>
        Contains(value) ? null : Message(setting, value.ToString(CultureInfo.InvariantCulture), note);

    /// <summary>The message for a <paramref name="text"/> that is not a number in range (quoted, as it was written).</summary>
    public string Problem(string setting, string? text, string? note = null) => Message(setting, $"'{text}'", note);

    /// <summary>Adds the message for an out-of-range <paramref name="value"/> to <paramref name="failures"/>; false when it did.</summary>
    public bool Check(string setting, long value, ICollection<string> failures, string? note = null) =>
        Add(Problem(setting, value, note), failures);

    /// <summary>Adds the message for a text whose <paramref name="length"/> is out of range to <paramref name="failures"/>; false when it did.</summary>
    public bool CheckLength(string setting, int length, ICollection<string> failures, string? note = null) =>
        Add(Contains(length) ? null : Message(setting, length.ToString(CultureInfo.InvariantCulture), note, " characters long", "has"), failures);

    private string Message(string setting, string value, string? note, string unit = "", string verb = "is") =>
        $"{setting} must be {this}{unit}{(note is null ? "" : $" ({note})")}; it {verb} {value}.";

    private static bool Add(string? problem, ICollection<string> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (problem is null)
        {
            return true;
        }

        failures.Add(problem);
        return false;
    }
}
