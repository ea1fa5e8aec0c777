using DrrsGateway.AcceptableUse.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace DrrsGateway.UnitTests.AcceptableUse.Settings;

public sealed class AupPolicyProviderTests
{
    private readonly IConfigurationRoot _configuration = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Aup:WindowSeconds"] = "30" })
        .Build();

    private readonly FakeLogger<AupPolicyProvider> _logger = new();

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

    [Fact]
    public void Reload_StartupOnlySettingEdited_WarnsOnceNamingItAndAppliesTheRest()
    {
        using var settings = Settings();

        _configuration["Aup:KeyPrefix"] = "gw1:";
        _configuration["Aup:WindowSeconds"] = "5";
        _configuration.Reload();
        _configuration["Aup:WindowSeconds"] = "6";
        _configuration.Reload();

        Assert.Equal(6, settings.Current.WindowSeconds);
        var warning = Assert.Single(_logger.Collector.GetSnapshot(), record => record.Id.Id == EventIds.StartupOnlySettingChanged);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("Aup:KeyPrefix", warning.GetStructuredStateValue("Setting"));
    }

    [Fact]
    public void Reload_BadStartupOnlySetting_KeepsTheLastGoodSettingsWithoutAWarning()
    {
        using var settings = Settings();

        _configuration["Aup:KeyPrefix"] = "gw*:";
        _configuration["Aup:WindowSeconds"] = "5";
        _configuration.Reload();

        Assert.Equal(30, settings.Current.WindowSeconds);
        Assert.DoesNotContain(_logger.Collector.GetSnapshot(), record => record.Id.Id == EventIds.StartupOnlySettingChanged);
        Assert.Contains(_logger.Collector.GetSnapshot(), record => record.Id.Id == EventIds.SettingsChangeRejected);
    }

    private AupPolicyProvider Settings()
    {
        var factory = new OptionsFactory<AupOptions>(
            [new ConfigureFromConfigurationOptions<AupOptions>(_configuration.GetSection(AupOptions.SectionName))],
            [],
            []);
        return new AupPolicyProvider(factory, TestPolicy.Builder, _configuration, _logger);
    }
}
