using DrrsGateway.ContainerTests.Infrastructure;

namespace DrrsGateway.ContainerTests.Images;

/// <summary>What the built images tell an engine: checked on the images themselves, not on the Dockerfile's text.</summary>
[Collection(ImagesCollection.Name)]
public sealed class ImageConfigTests(BuiltImages images)
{
    [Theory]
    [InlineData(BuiltImages.Gateway, "DrrsGateway.dll")]
    [InlineData(BuiltImages.Simulator, "DrrsGateway.Simulator.dll")]
    public async Task Each_image_starts_its_app_as_the_non_root_app_user(string image, string app)
    {
        var config = await images.Buildah.InspectImageAsync(image);

        Assert.Equal(["dotnet", app], config.StartCommand);
        Assert.Equal("1654", config.User);
        Assert.Equal("8080", config.Environment["ASPNETCORE_HTTP_PORTS"]);
    }

    [Theory]
    [InlineData(BuiltImages.Gateway)]
    [InlineData(BuiltImages.Simulator)]
    public async Task Each_image_keeps_its_healthcheck(string image)
    {
        // The OCI format (podman's and buildah's default) drops HEALTHCHECK; build-images.sh writes Docker's.
        var config = await images.Buildah.InspectImageAsync(image);

        Assert.Equal(["bash", "/usr/local/bin/drrs-healthcheck", "/healthz"], config.HealthcheckCommand);
        Assert.True(config.HealthcheckTimeout > TimeSpan.Zero);
    }
}
