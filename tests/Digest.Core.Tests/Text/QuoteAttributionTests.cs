using Digest.Core.Text;

namespace Digest.Core.Tests.Text;

/// <summary>Speaker attribution rules, each on sentences written for the rule (invented people and places).</summary>
public class QuoteAttributionTests
{
    private static string? SpeakerOf(string text, string quoteStart)
        => Assert.Single(QuoteExtractor.Find(text), q => q.Text.StartsWith(quoteStart, StringComparison.Ordinal)).Speaker;

    [Fact]
    public void Pronoun_resolves_to_the_person_the_previous_sentence_names()
    {
        var text = "Harbour pilot Wenna Corrie inspected the channel at dawn. \u201CThe sandbar has moved twice this winter,\u201D she said.";
        Assert.Equal("Wenna Corrie", SpeakerOf(text, "The sandbar"));
    }

    [Fact]
    public void Pronoun_skips_organisations_and_places_for_the_person()
    {
        var text = "Jonas Pike, chief economist at Brightwater Savings Bank in the Sorrel Valley, said a cut was unlikely. "
            + "\"Wage growth is still far too strong for that,\" he said.";
        Assert.Equal("Jonas Pike", SpeakerOf(text, "Wage growth"));
    }

    [Fact]
    public void Pronoun_with_no_person_before_it_has_no_speaker()
    {
        var text = "Rescuers reached the Sorrel Valley on Friday. \"The water is still rising fast here,\" they said.";
        Assert.Null(SpeakerOf(text, "The water"));
    }

    [Fact]
    public void Verb_first_attribution_with_a_role_after_the_name()
    {
        var text = "\"Both sides have moved further than I expected,\" said Osric Pellow, the mediator.";
        Assert.Equal("Osric Pellow", SpeakerOf(text, "Both sides"));
    }

    [Fact]
    public void Role_before_the_name_in_apposition()
    {
        var text = "\"We cannot fund three schools on the budget for two,\" the council's treasurer, Ilse Varga, said.";
        Assert.Equal("Ilse Varga", SpeakerOf(text, "We cannot"));
    }

    [Fact]
    public void Surname_or_first_name_alone_becomes_the_full_name_first_written()
    {
        var text = "Ilse Varga presented the budget on Monday. \"The numbers simply do not add up,\" Varga said. "
            + "Later Ilse told the meeting: \"We will find the money somewhere else.\"";
        var quotes = QuoteExtractor.Find(text);
        Assert.Equal(["Ilse Varga", "Ilse Varga"], quotes.Select(q => q.Speaker));
    }

    [Fact]
    public void Names_keep_their_written_casing_and_lose_what_follows_them()
    {
        var text = "\"Another month like this and the smaller boats will stop going out,\" said Maren McTavish of the Dunmere Fishers' Guild.";
        Assert.Equal("Maren McTavish", SpeakerOf(text, "Another month"));
    }

    [Fact]
    public void Organisation_speaks_only_when_no_person_is_named()
    {
        var text = "The Port of Dunmere Authority said in a statement: \"All berths will reopen on Monday morning.\"";
        Assert.Equal("Port of Dunmere Authority", SpeakerOf(text, "All berths"));

        var withPerson = "Edda Storm, who runs the Port of Dunmere Authority, said: \"All berths will reopen on Monday morning.\"";
        Assert.Equal("Edda Storm", SpeakerOf(withPerson, "All berths"));
    }

    [Fact]
    public void Speaker_before_the_quote_told_reporters()
    {
        var text = "Fire chief Arvid Lorne told reporters: \"Nobody should drive on the valley road tonight.\"";
        Assert.Equal("Arvid Lorne", SpeakerOf(text, "Nobody should"));
    }

    [Fact]
    public void According_to_attribution()
    {
        var text = "The bridge will reopen in May \"if the steel arrives on time\", according to site manager Piet Arendse.";
        Assert.Equal("Piet Arendse", SpeakerOf(text, "if the steel"));
    }

    [Fact]
    public void Partial_quote_in_reported_speech_belongs_to_the_subject_not_to_the_person_named_last()
    {
        var text = "Transport Minister Olga Wrede thanked the mediator, Tomas Fell, for what she called \"patient and careful work\".";
        Assert.Equal("Olga Wrede", SpeakerOf(text, "patient"));

        var called = "Its chief executive, Hanna Vik, called the planned appeal \"a waste of everyone's time\".";
        Assert.Equal("Hanna Vik", SpeakerOf(called, "a waste"));
    }

    [Fact]
    public void Quote_continuing_in_the_next_sentence_keeps_its_speaker_but_not_across_paragraphs()
    {
        var text = "\"We were told new trains by December,\" said commuter Lotta Brink. \"Now nobody can tell us which year.\"\n\n"
            + "\"A timetable is only a promise on paper,\" read a banner at the station.";
        var quotes = QuoteExtractor.Find(text);
        Assert.Equal(3, quotes.Count);
        Assert.Equal("Lotta Brink", quotes[0].Speaker);
        Assert.Equal("Lotta Brink", quotes[1].Speaker);
        Assert.Null(quotes[2].Speaker);
    }

    [Fact]
    public void Names_inside_a_quote_are_not_speakers()
    {
        var text = "Union chair Runa Dahl spoke at the gate. \"Everyone remembers what Piet Arendse promised us last spring,\" she said.";
        Assert.Equal("Runa Dahl", SpeakerOf(text, "Everyone remembers"));
    }

    [Fact]
    public void A_role_points_back_to_the_person_written_with_it()
    {
        var text = "Judge Alma Strand ruled for the operator. \"The tender was scored with two different yardsticks,\" the judge wrote.";
        Assert.Equal("Alma Strand", SpeakerOf(text, "The tender"));

        var apposition = "Both sides met the mediator, Bertil Sand, on Monday. \"Nobody leaves this room until we are done,\" the mediator said.";
        Assert.Equal("Bertil Sand", SpeakerOf(apposition, "Nobody leaves"));
    }

    [Fact]
    public void A_described_organisation_points_back_to_its_name_and_an_unknown_role_gives_no_speaker()
    {
        var text = "Staff at the Dunmere Water Board worked overnight. A spokesperson for the board said supplies \"will be back to normal by Friday\".";
        Assert.Equal("Dunmere Water Board", SpeakerOf(text, "will be back"));

        Assert.Null(SpeakerOf("\"Nobody told us anything at all,\" the neighbour said.", "Nobody told"));
    }

    [Fact]
    public void Hostile_text_with_endless_names_and_quotes_is_bounded()
    {
        var text = string.Concat(Enumerable.Repeat("Anna Berg and Carl Dunn met Erik Falk and ", 3000))
            + string.Concat(Enumerable.Repeat("\"this is a quoted statement here\" she said and ", 500));
        var quotes = QuoteExtractor.Find(text);
        Assert.Equal(200, quotes.Count);
        Assert.All(quotes, q => Assert.Equal("this is a quoted statement here", q.Text));
    }
}

