using DrrsGateway.AcceptableUse.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DrrsGateway.UnitTests.AcceptableUse.Settings;

public sealed class AupPolicyProviderTests
{
    private readonly IConfigurationRoot _configuration = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Aup:WindowSeconds"] = "30" })
        .Build();

    [Fact]
    public void Current_AfterValidChange_IsTheNewSettings()
    {
        using var settings = Settings();

        _configuration["Aup:WindowSeconds"] = "5";
        _configuration.Reload();

        Assert.Equal(5, settings.Current.WindowSeconds);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("thirty")]
    public void Current_AfterInvalidChange_KeepsTheLastGoodSettings(string window)
    {
        using var settings = Settings();

        _configuration["Aup:WindowSeconds"] = window;
        _configuration.Reload();

        Assert.Equal(30, settings.Current.WindowSeconds);
    }

    [Fact]
    public void Current_InvalidThenFixed_FollowsTheFix()
    {
        using var settings = Settings();
        _configuration["Aup:WindowSeconds"] = "0";
        _configuration.Reload();

        _configuration["Aup:WindowSeconds"] = "7";
        _configuration.Reload();

        Assert.Equal(7, settings.Current.WindowSeconds);
    }

    private AupPolicyProvider Settings()
    {
        var factory = new OptionsFactory<AupOptions>(
            [new ConfigureFromConfigurationOptions<AupOptions>(_configuration.GetSection(AupOptions.SectionName))],
            [],
            []);
        return new AupPolicyProvider(factory, TestPolicy.Builder, _configuration, NullLogger<AupPolicyProvider>.Instance);
    }
}
