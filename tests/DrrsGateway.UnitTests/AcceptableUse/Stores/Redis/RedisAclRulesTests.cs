using DrrsGateway.AcceptableUse.Stores.Redis;

namespace DrrsGateway.UnitTests.AcceptableUse.Stores.Redis;

public sealed class RedisAclRulesTests
{
    [Fact]
    public void For_Redis70_LeavesOutClientSetinfoWhichItCannotName()
    {
        var rules = RedisAclRules.For(RedisAclRules.DefaultKeyPrefix, new Version(7, 0, 15));

        Assert.DoesNotContain("client|setinfo", rules, StringComparison.Ordinal);
        Assert.Contains(" +client|setname ", rules, StringComparison.Ordinal);
    }

    [Fact]
    public void For_Redis72_GrantsClientSetinfo()
    {
        Assert.Contains(" +client|setinfo ", RedisAclRules.For(RedisAclRules.DefaultKeyPrefix, new Version(7, 2)), StringComparison.Ordinal);
    }

    [Fact]
    public void For_KeyPrefix_ScopesKeysAndChannelsToIt()
    {
        var rules = RedisAclRules.For("tenant:", new Version(7, 2));

        Assert.StartsWith("resetchannels ~tenant:* %R~__Booksleeve_TieBreak &tenant:* &__Booksleeve_MasterChanged -@all +", rules, StringComparison.Ordinal);
    }

    [Fact]
    public void Commands_EachNamedOnceWithAPurpose_NoneAlsoNotGranted()
    {
        var names = RedisAclRules.Commands.Select(command => command.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(RedisAclRules.Commands, command => Assert.False(string.IsNullOrWhiteSpace(command.Purpose)));
        Assert.All(RedisAclRules.NotGranted, refused => Assert.DoesNotContain(refused.Name, names));
    }

    [Fact]
    public void Commands_RawProbes_SendTheirOwnCommand()
    {
        Assert.All(RedisAclRules.Commands.Where(command => command.Probe is not null), command =>
            Assert.Equal(command.Name.Split('|'), command.Probe!.Take(command.Name.Count(c => c == '|') + 1).Select(part => part.ToLowerInvariant())));
    }

    [Fact]
    public void ProbeArguments_Placeholder_IsTheProbeKey()
    {
        Assert.Equal(["k", "1000"], RedisAclRules.Command("pexpire").ProbeArguments("k"));
    }
}
