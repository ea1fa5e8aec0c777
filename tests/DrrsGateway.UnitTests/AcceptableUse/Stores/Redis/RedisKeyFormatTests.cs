using DrrsGateway.AcceptableUse;
using DrrsGateway.AcceptableUse.Stores.Redis;

namespace DrrsGateway.UnitTests.AcceptableUse.Stores.Redis;

public sealed class RedisKeyFormatTests
{
    private readonly RedisKeyFormat _format = new("drrs:aup:");

    [Theory]
    [InlineData("a:b", "c", "a", "b:c")]
    [InlineData("a}:b", "c", "a", "}:b:c")]
    [InlineData("a%3A", "b", "a:", "b")]
    [InlineData("Ü", "s", "U", "s")]
    [InlineData("a", "b*", "a", "b?")]
    [InlineData("", ":", ":", "")]
    public void For_DistinctPairsSharingSeparators_GiveDistinctKeys(string user1, string service1, string user2, string service2)
    {
        var first = _format.For(new AupKey(user1, service1));
        var second = _format.For(new AupKey(user2, service2));

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void For_PlainNames_AreReadableAndHashTaggedByUser()
    {
        var key = _format.For(new AupKey("alice", "retrievedrrslocations_v1"));

        Assert.Equal("drrs:aup:{alice}:retrievedrrslocations_v1", key.ToString());
    }

    [Theory]
    [InlineData("*")]
    [InlineData("a?b")]
    [InlineData("[ab]")]
    [InlineData("x\\y")]
    [InlineData("{tag}")]
    public void PatternForUser_GlobCharactersInName_AreEscaped(string user)
    {
        var pattern = _format.PatternForUser(user).ToString();
        var encodedUser = pattern["drrs:aup:{".Length..^"}:*".Length];

        Assert.DoesNotContain(encodedUser, c => c is '*' or '?' or '[' or ']' or '\\' or '{' or '}' or ':');
    }

    [Fact]
    public void For_NonAsciiUser_IsEncodedAsUtf8()
    {
        var key = _format.For(new AupKey("Zoë", "s"));

        Assert.Equal("drrs:aup:{Zo%C3%AB}:s", key.ToString());
    }
}
