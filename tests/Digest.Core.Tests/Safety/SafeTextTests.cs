using Digest.Core.Safety;

namespace Digest.Core.Tests.Safety;

public sealed class SafeTextTests
{
    [Theory]
    [InlineData("Harbour  reopens", "Harbour reopens")]
    [InlineData("  Harbour   reopens  ", "Harbour reopens")]
    [InlineData("Harbour\0 reopens\r\nBcc: x@y", "Harbour reopens Bcc: x@y")]
    [InlineData("\u202EHarbour\u2066 reopens\u0007", "Harbour reopens")]
    [InlineData("Zoë  Ångström", "Zoë Ångström")]
    [InlineData("Valley\u00A0Post", "Valley Post")]
    [InlineData("\0\u001B", null)]
    [InlineData("   ", null)]
    public void Inline_removes_unsafe_characters_and_collapses_white_space(string input, string? expected)
    {
        Assert.Equal(expected, SafeText.Inline(input));
    }

    [Fact]
    public void Multiline_keeps_line_feeds_and_normalizes_carriage_returns()
    {
        Assert.Equal("One\n\nTwo\nthree four", SafeText.Multiline("One\r\n\r\nTwo\rthree\0\u202E\tfour"));
    }

    [Fact]
    public void For_terminal_shows_controls_as_visible_escapes()
    {
        Assert.Equal("a\\x1B[2Jb\\x07c\\u202Ed\\x0A", SafeText.ForTerminal("a\u001B[2Jb\u0007c\u202Ed\n"));
        Assert.Equal("one\ntwo", SafeText.ForTerminal("one\ntwo", keepNewlines: true));
    }
}
