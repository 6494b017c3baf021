using Digest.Core.Text;

namespace Digest.Core.Tests.Text;

public class NameMentionsTests
{
    [Fact]
    public void Tells_people_from_organisations_and_places()
    {
        var mentions = NameMentions.Find(
            "Interior Minister Paul Wester visited the Orrin Valley with Karla Fenn of the Orrin Rowing Club on Quay Street.");
        Assert.Equal(["Paul Wester", "Karla Fenn"], mentions.Where(m => m.Kind == NameKind.Person).Select(m => m.Text));
        Assert.Contains(mentions, m => m.Text == "Orrin Rowing Club" && m.Kind == NameKind.Organisation);
        Assert.Contains(mentions, m => m.Text == "Orrin Valley" && m.Kind == NameKind.Other);
        Assert.Contains(mentions, m => m.Text == "Quay Street" && m.Kind == NameKind.Other);
    }

    [Fact]
    public void Lone_names_resolve_to_the_full_name_first_written()
    {
        var mentions = NameMentions.Find("Karla Fenn rowed first. Fenn said little. Karla laughed. Orrin stayed dry.");
        Assert.Equal(["Karla Fenn", "Karla Fenn", "Karla Fenn"], mentions.Where(m => m.Kind == NameKind.Person).Select(m => m.Canonical));
        Assert.Contains(mentions, m => m.Text == "Orrin" && m.Kind == NameKind.Other);
    }

    [Fact]
    public void Introduced_with_which_is_an_institution()
    {
        var mentions = NameMentions.Find("Velto Ostmar, which runs the buses, said fares would rise.");
        Assert.Equal(NameKind.Organisation, Assert.Single(mentions).Kind);
    }
}
