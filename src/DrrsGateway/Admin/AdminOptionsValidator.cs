using DrrsGateway.Infrastructure;
using Microsoft.Extensions.Options;

namespace DrrsGateway.Admin;

/// <summary>Refuses an admin key that is short or cannot travel in a header, at start-up, naming the setting.</summary>
internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    private static readonly SettingRange KeyLength = new(AdminOptions.MinimumKeyLength, 1024);

    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        // The key itself never appears in a message: start-up errors end up in logs.
        if (options.ApiKey is not { Length: > 0 } key)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!KeyLength.CheckLength("Admin:ApiKey", key.Length, failures, "for example `openssl rand -hex 32`"))
        {
            return ValidateOptionsResult.Fail(failures);
        }

        // HTTP trims spaces around header values, so a key with spaces or line breaks (a secret file's
        // trailing newline) could never be presented: refuse it rather than lock everyone out.
        return key.AsSpan().ContainsAnyExceptInRange('!', '~')
            ? ValidateOptionsResult.Fail("Admin:ApiKey must be visible ASCII characters only, without spaces or line breaks.")
            : ValidateOptionsResult.Success;
    }
}
