using Digest.Core.Coverage;

namespace Digest.Core.Tests.Stories;

/// <summary>
/// Small invented articles shared by the story tests. They are briefs (under <see cref="Digest.Core.Stories.StoryOptions.BridgeWords"/>
/// words), which join only the coverage of their own day: tests of joins across days use full articles.
/// </summary>
internal static class Articles
{
    public static readonly DateTimeOffset Day1 = new(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);

    public static CoverageDocument Quake(string id, int day, string outlet = "Northgate Herald") => new(id, outlet,
        "Earthquake kills dozens in Velmora",
        "A magnitude 6.8 earthquake struck the Carsolian city of Velmora, collapsing apartment blocks in the old quarter. "
        + "Rescue chief Tomas Reyk said crews were searching the rubble with dogs. Interior Minister Dana Orlov sent teams from Brask. "
        + $"Update {id}: hospitals in Velmora treated injured residents as aftershocks shook the city.",
        Day1.AddDays(day));

    public static CoverageDocument Strike(string id, int day, string outlet = "Coastline Daily") => new(id, outlet,
        "Aldmere dockworkers strike over pay",
        "Dockworkers at the port of Aldmere walked off the job, halting container traffic. The Harbour Workers Union wants a pay rise "
        + "of 12 percent while port operator Aldmere Terminals offered 5 percent. Union leader Priya Nandal said ships were queuing offshore. "
        + $"Note {id}: retailers warned of shortages of fresh fruit.",
        Day1.AddDays(day));

    public static CoverageDocument PoliceReform(string id, int day) => new(id, "Meridian Post",
        "Orlov unveils police reform plan",
        "Interior Minister Dana Orlov presented a plan in Brask to merge regional police forces into one national service. "
        + "Opposition leader Henrik Sall called the reform a power grab. Police unions threatened protests against the merger.",
        Day1.AddDays(day));
}
