using Digest.Core.Coverage;

namespace Digest.Core.Tests.Coverage;

/// <summary>
/// The matcher numbers one comparison's stems and scores a prepared sentence by looking up the other set's stems: these
/// pin that the prepared scores are the plain ones (exact stems, word-family soft matches, unions of two sentences).
/// </summary>
public class SentenceMatcherTests
{
    private static readonly string[] Sentences =
    [
        "Negotiators said the sides were closer than ever to a ceasefire in Lisk.",
        "The negotiating teams are close to a ceasefire, mediators in Lisk said on Monday.",
        "A ceasefire is near, the envoy told reporters after the session.",
        "Engineers repaired 14 pumps at the water plant in Marrow.",
        "Engineering crews had repaired 23 pumps by Friday.",
        "He said so.",
    ];

    private static (SentenceMatcher Matcher, int[][] Stems) Build()
    {
        var profiles = Sentences.Select((s, i) => new SentenceProfile(s, i)).ToList();
        var matcher = new SentenceMatcher(profiles);
        return (matcher, profiles.Select((_, i) => matcher.At(i).Stems).ToArray());
    }

    [Fact]
    public void PreparedCoverage_equals_plain_coverage_for_every_pair()
    {
        var (matcher, stems) = Build();
        for (var a = 0; a < stems.Length; a++)
        {
            var weights = matcher.Weights(stems[a]);
            matcher.Prepare(stems[a]);
            for (var b = 0; b < stems.Length; b++)
            {
                var (coverage, dot) = matcher.PreparedCoverageAndDot(weights, stems[b]);
                Assert.Equal(matcher.Coverage(stems[a], stems[b]), coverage, 12);
                Assert.True(dot >= 0);
                for (var c = 0; c < stems.Length; c++)
                {
                    Assert.Equal(matcher.CoverageByAll(stems[a], [stems[b], stems[c]]), matcher.PreparedCoverage(weights, stems[b], stems[c]), 12);
                }
            }
        }
    }

    [Fact]
    public void Word_families_match_softly_and_a_changed_figure_does_not_match()
    {
        var (matcher, stems) = Build();

        // "Negotiators … closer" against "negotiating … close": the same families, partly credited, not fully.
        var paraphrase = matcher.Coverage(stems[0], stems[1]);
        Assert.InRange(paraphrase, 0.5, 0.99);

        // A sentence covers itself; one with no content words counts as covered.
        Assert.Equal(1, matcher.Coverage(stems[3], stems[3]), 12);
        Assert.Equal(1, matcher.Coverage(stems[5], stems[0]), 12);

        // "14 pumps" against "23 pumps": the figure, weighted extra, is what is missing.
        var weights = matcher.Weights(stems[3]);
        matcher.Prepare(stems[3]);
        var (coverage, _) = matcher.PreparedCoverageAndDot(weights, stems[4]);
        Assert.InRange(coverage, 0.2, 0.9);
    }

    [Fact]
    public void Preparing_another_sentence_forgets_the_first()
    {
        var (matcher, stems) = Build();
        matcher.Prepare(stems[0]);
        matcher.Prepare(stems[3]);
        var (coverage, _) = matcher.PreparedCoverageAndDot(matcher.Weights(stems[3]), stems[0]);
        Assert.Equal(matcher.Coverage(stems[3], stems[0]), coverage, 12);
    }
}
