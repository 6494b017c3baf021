using System.Text;
using Digest.Core.Subscribers;

namespace Digest.Core.Tests.Subscribers;

public class SubscriptionTokenTests
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("test-signing-key-0123456789abcdef0123456789");
    private static readonly DateTimeOffset Now = new(2027, 2, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly string Subscriber = SubscriberId.Of("reader@example.org", Key);

    private readonly SubscriptionToken _tokens = new(Key);

    [Fact]
    public void A_token_verifies_for_its_purpose_until_it_expires()
    {
        var token = _tokens.Create(TokenPurpose.Confirm, Subscriber, Now.AddDays(2));

        Assert.Equal(Subscriber, _tokens.Verify(token, TokenPurpose.Confirm, Now));
        Assert.Equal(Subscriber, _tokens.Verify(token, TokenPurpose.Confirm, Now.AddDays(2).AddSeconds(-1)));
        Assert.Null(_tokens.Verify(token, TokenPurpose.Confirm, Now.AddDays(2)));
    }

    [Fact]
    public void A_token_for_one_purpose_is_refused_for_another()
    {
        var token = _tokens.Create(TokenPurpose.Confirm, Subscriber, Now.AddDays(2));

        Assert.Null(_tokens.Verify(token, TokenPurpose.Unsubscribe, Now));
    }

    [Fact]
    public void A_token_signed_with_another_key_is_refused()
    {
        var forger = new SubscriptionToken(Encoding.ASCII.GetBytes("another-key-of-enough-length-0123456789abcd"));
        var forged = forger.Create(TokenPurpose.Unsubscribe, Subscriber, Now.AddDays(30));

        Assert.Null(_tokens.Verify(forged, TokenPurpose.Unsubscribe, Now));
    }

    [Fact]
    public void Every_altered_character_of_a_token_makes_it_invalid()
    {
        var token = _tokens.Create(TokenPurpose.Unsubscribe, Subscriber, Now.AddDays(30));
        for (var i = 0; i < token.Length; i++)
        {
            var altered = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            Assert.Null(_tokens.Verify(altered, TokenPurpose.Unsubscribe, Now));
        }
    }

    [Fact]
    public void A_payload_rewritten_to_extend_the_expiry_is_refused()
    {
        var token = _tokens.Create(TokenPurpose.Confirm, Subscriber, Now.AddHours(1));
        var parts = token.Split('.');
        var longer = Convert.ToBase64String(Encoding.UTF8.GetBytes($"confirm|{Subscriber}|{Now.AddYears(5).ToUnixTimeSeconds()}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        Assert.Null(_tokens.Verify($"{parts[0]}.{longer}.{parts[2]}", TokenPurpose.Confirm, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1")]
    [InlineData("v1..")]
    [InlineData("v2.abc.def")]
    [InlineData("v1.@@@.###")]
    [InlineData("v1.YQ.YQ.YQ")]
    public void Malformed_tokens_are_refused_without_an_exception(string? token)
    {
        Assert.Null(_tokens.Verify(token, TokenPurpose.Confirm, Now));
    }

    [Fact]
    public void A_short_signing_key_is_refused_at_construction()
    {
        Assert.Throws<ArgumentException>(() => new SubscriptionToken(Encoding.ASCII.GetBytes("short")));
    }

    [Fact]
    public void Subscriber_ids_are_keyed_case_insensitive_and_never_the_address()
    {
        var id = SubscriberId.Of("Reader@Example.org", Key);

        Assert.Equal(Subscriber, id);
        Assert.True(SubscriberId.IsWellFormed(id));
        Assert.NotEqual(id, SubscriberId.Of("reader@example.org", Encoding.ASCII.GetBytes("yet-another-key-of-enough-length-0123456789")));
        Assert.DoesNotContain("reader", id, StringComparison.Ordinal);
        Assert.Equal("r***@example.org", SubscriberId.Masked("reader@example.org"));
    }
}
