using Digest.Core.Summaries;

namespace Digest.Core.Tests.Summaries;

public sealed class StandaloneSentenceTests
{
    [Theory]
    [InlineData("The ferry service resumed on Tuesday after a week of storms.", true)]
    [InlineData("\u201CWe will rebuild the pier,\u201D the mayor said.", true)]
    [InlineData("\"It is the worst storm in a decade,\" said Mayor Ilse Marrow.", true)]
    [InlineData("Did the council know?", true)]
    [InlineData("Ferry services suspended until Friday", false)]
    [InlineData("Photo: Lars Eng/Valley Post", false)]
    [InlineData("He said the repairs would take a month.", false)]
    [InlineData("But the council has not yet approved the money.", false)]
    [InlineData("This was the third closure this year.", false)]
    [InlineData("\u201CWe will appeal,\u201D he said.", false)]
    [InlineData("\"We will appeal,\" the director, Nils Hagberg, said.", true)]
    public void Headings_captions_and_leaning_sentences_do_not_read_alone(string sentence, bool expected)
        => Assert.Equal(expected, StandaloneSentence.ReadsAlone(sentence));

    [Theory]
    [InlineData("Harbour council approves new ferry pier", "Harbour council approves new ferry pier.")]
    [InlineData("Harbour council approves new ferry pier.", "Harbour council approves new ferry pier.")]
    [InlineData("Harbour council approves new ferry pier..", "Harbour council approves new ferry pier.")]
    [InlineData("Will the new ferry pier ever open?", null)]
    [InlineData("Is the harbour safe?.", null)]
    [InlineData("‘We were left stranded’: ferry passengers speak out", null)]
    [InlineData("Ferry chaos!", null)]
    [InlineData("They approve the pier at last", null)]
    [InlineData("", null)]
    public void A_headline_stands_in_a_summary_only_as_a_plain_statement(string headline, string? expected)
        => Assert.Equal(expected, StandaloneSentence.HeadlineAsSentence(headline));
}
