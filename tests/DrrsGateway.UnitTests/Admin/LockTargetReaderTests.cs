using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.Admin;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace DrrsGateway.UnitTests.Admin;

public sealed class LockTargetReaderTests
{
    private static readonly AupPolicy Policy = TestPolicy.Default;

    [Theory]
    [InlineData("/admin/locks/alice", "alice")]
    [InlineData("/admin/locks/a%2Fb", "a/b")]
    [InlineData("/admin/locks/a%252Fb", "a%2Fb")]
    [InlineData("/admin/locks/CN%3DAlice%2C%20O%3DUtility?x=1", "CN=Alice, O=Utility")]
    [InlineData("/ADMIN/LOCKS/alice/", "alice")]
    [InlineData("/admin/locks/%C3%BC", "ü")]
    public void Read_RawTargetWithUser_DecodesItOnce(string rawTarget, string expected)
    {
        var target = LockTargetReader.Read(ContextWithRawTarget(rawTarget), withService: false, Policy, out var problem);

        Assert.Null(problem);
        Assert.Equal(expected, target?.User);
    }

    [Fact]
    public void Read_RawTargetWithService_LowerCasesService()
    {
        var target = LockTargetReader.Read(ContextWithRawTarget("/admin/locks/Alice/RetrieveDRRSLocations_v1"), withService: true, Policy, out _);

        Assert.Equal(new LockTarget("Alice", "retrievedrrslocations_v1"), target);
    }

    [Theory]
    [InlineData("/admin/locks/alice/extra", false)]
    [InlineData("/admin/locks/alice", true)]
    [InlineData("/admin/./locks/alice", false)]
    [InlineData("http://host/admin/locks/alice", false)]
    [InlineData("/admin/locks/a%01b", false)]
    [InlineData("/admin/locks/alice/s%7F", true)]
    [InlineData("/admin/locks//svc", true)]
    public void Read_UnusablePath_ReturnsProblem(string rawTarget, bool withService)
    {
        var target = LockTargetReader.Read(ContextWithRawTarget(rawTarget), withService, Policy, out var problem);

        Assert.Null(target);
        Assert.NotNull(problem);
    }

    [Fact]
    public void Read_UserLongerThanPolicyAllows_ReturnsProblem()
    {
        var target = LockTargetReader.Read(ContextWithRawTarget("/admin/locks/" + new string('u', Policy.Identity.MaxLength + 1)), withService: false, Policy, out var problem);

        Assert.Null(target);
        Assert.Contains("longer", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoRawTarget_FallsBackToDecodedPath()
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/admin/locks/team%2Falice";

        Assert.Equal("team/alice", LockTargetReader.Read(context, withService: false, Policy, out _)?.User);
    }

    private static DefaultHttpContext ContextWithRawTarget(string rawTarget)
    {
        var context = new DefaultHttpContext();
        context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget = rawTarget;
        return context;
    }
}
