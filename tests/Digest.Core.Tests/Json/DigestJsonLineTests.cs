using System.Text.Json;
using Digest.Core.Json;

namespace Digest.Core.Tests.Json;

public sealed class DigestJsonLineTests
{
    [Theory]
    [InlineData("\u001B[31mred\u0007", "\\u001B")]
    [InlineData("abc\u202Etxt.exe", "\\u202E")]
    [InlineData("\u2066isolate\u2069", "\\u2066")]
    [InlineData("next\u0085line", "\\u0085")]
    [InlineData("line\u2028separator", "\\u2028")]
    [InlineData("nul\0byte", "\\u0000")]
    public void A_json_line_has_no_raw_control_or_bidi_character_and_reads_back_the_same(string text, string escape)
    {
        var line = DigestJson.SerializeLine(new { title = text, plain = "Café “quoted” 'x' <b>" });

        Assert.Contains(escape, line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(line, c => c < 0x20 || (c >= 0x7F && c <= 0x9F) || c is '\u202E' or '\u2066' or '\u2069' or '\u2028');
        using var json = JsonDocument.Parse(line);
        Assert.Equal(text, json.RootElement.GetProperty("title").GetString());
        // Readable characters stay readable (the relaxed encoder's point).
        Assert.Contains("Café “quoted” 'x' <b>", line, StringComparison.Ordinal);
    }
}
