using Digest.Core.Coverage;

namespace Digest.Core.Tests.Coverage;

/// <summary>Changed figures: the same quantity only when the counted unit and the context agree; labels say what is counted.</summary>
public class NumberUpdateTests
{
    private static readonly DateTimeOffset Day = new(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);

    private readonly CoverageDiffer differ = new();

    private static CoverageDocument Doc(string id, string text, int day = 0) => new(id, "Outlet " + id, "Strike at Tarrow", text, Day.AddDays(day));

    private IReadOnlyList<NumberUpdate> Updates(string earlier, string current)
        => differ.Diff(Doc("b2", current, 1), [Doc("b1", earlier)]).Updates;

    [Fact]
    public void Count_label_is_the_counted_noun_with_what_is_said_of_it()
    {
        var update = Assert.Single(Updates(
            "The coastguard said 12 ships were waiting at anchor off Tarrow.",
            "The coastguard said 19 ships were waiting at anchor off Tarrow."));
        Assert.Equal("ships waiting at anchor", update.Label);
        Assert.Equal("12", update.Previous);
        Assert.Equal("19", update.Current);
        Assert.Equal(["b1"], update.PreviousSeenIn);
    }

    [Fact]
    public void Measure_label_is_the_context_with_the_unit()
    {
        var update = Assert.Single(Updates(
            "The harbour board offered a pay rise of 3 per cent on Monday.",
            "The harbour board offered a pay rise of 4.5 per cent on Thursday."));
        Assert.Equal("pay rise (per cent)", update.Label);
        Assert.Equal("3", update.Previous);
        Assert.Equal("4.5", update.Current);
    }

    [Fact]
    public void A_count_never_matches_a_different_unit()
    {
        Assert.Empty(Updates(
            "The union represents 2,400 crane drivers at the Tarrow docks.",
            "Picket captain Ivo Lund has been a crane driver at the Tarrow docks for 26 years."));
        Assert.Empty(Updates(
            "The river at Tarrow bridge carried 40 boats on Monday.",
            "The river at Tarrow bridge rose 4 metres on Monday."));
    }

    [Fact]
    public void Same_unit_in_an_unrelated_context_is_not_an_update()
    {
        Assert.Empty(Updates(
            "The flood left 38 million euros of damage in the lower town.",
            "The new ferry terminal will cost 55 million euros, the harbour board said."));
    }

    [Fact]
    public void An_old_value_given_as_the_starting_point_confirms_the_update()
    {
        var update = Assert.Single(Updates(
            "Some 340 people had been evacuated from homes along the river.",
            "The crisis staff said 620 residents had been evacuated, up from about 340 in the morning."));
        Assert.Equal("340", update.Previous);
        Assert.Equal("620", update.Current);
        Assert.StartsWith("residents", update.Label, StringComparison.Ordinal);
    }

    [Fact]
    public void An_old_value_still_given_for_the_same_quantity_means_no_update()
    {
        Assert.Empty(Updates(
            "The gauge at Orrin bridge read 3.1 metres at noon.",
            "The gauge at Orrin bridge read 3.1 metres at noon. The gauge at Kell weir read 2.2 metres."));
    }

    [Fact]
    public void Label_keeps_the_written_casing_of_names_after_the_count()
    {
        var update = Assert.Single(Updates(
            "The union wants a guarantee that 310 operator jobs at North Quay will be kept.",
            "The deal guarantees 290 operator jobs at North Quay until 2029."));
        Assert.Equal("operator jobs at North Quay", update.Label);
    }

    [Fact]
    public void Measure_label_reads_in_sentence_order_with_names_as_written()
    {
        var update = Assert.Single(Updates(
            "The gauge at Orrin bridge stood at 3.1 metres.",
            "The gauge at Orrin bridge read 3.9 metres."));
        Assert.Equal("Orrin bridge (metres)", update.Label);
    }
}

