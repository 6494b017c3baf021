using static Digest.Core.Tests.Extraction.ExtractorTestHelper;

namespace Digest.Core.Tests.Extraction;

/// <summary>Each test puts one kind of boilerplate around or inside the same story and expects the story alone.</summary>
public class BoilerplateTests
{
    private static string Story2 => Paragraphs(Story[..2]);

    private static string Story3 => Paragraphs(Story[2..]);

    private static void AssertStoryOnly(string bodyInner)
    {
        var article = Extract(Page(bodyInner));
        Assert.True(article.IsArticle, article.NotArticleReason);
        Assert.Equal(StoryText, article.Text);
    }

    [Fact]
    public void Navigation_and_skip_links_are_removed() =>
        AssertStoryOnly("<a href=\"#main\" class=\"skip-link\">Skip to content</a><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><div role=\"navigation\"><a href=\"/a\">Politics</a> <a href=\"/b\">Sport</a></div><main id=\"main\">" + Story2 + Story3 + "</main>");

    [Fact]
    public void Cookie_banner_without_telltale_classes_is_removed() =>
        AssertStoryOnly("<div><p>We use cookies to give you the best experience. By continuing to browse you agree to our use of cookies.</p><a href=\"#\">Accept</a></div><div>" + Story2 + Story3 + "</div>");

    [Fact]
    public void Paywall_meter_inside_the_body_is_removed() =>
        AssertStoryOnly("<div class=\"body\">" + Story2 + "<p>You have read 3 of 5 free articles this month. Subscribe now for unlimited access.</p>" + Story3 + "</div>");

    [Fact]
    public void Registration_donation_and_newsletter_appeals_are_removed() =>
        AssertStoryOnly("<div>" + Story2 + "<p>Create a free account to keep reading.</p>" + Story3
            + "<p>Please consider supporting our journalism with a donation.</p><p>Get our free morning newsletter delivered to your inbox.</p></div>");

    [Fact]
    public void Corrections_and_news_tip_prompts_are_removed() =>
        AssertStoryOnly("<article><div class=\"text\">" + Story2 + Story3 + "</div><p class=\"note\">Spotted a mistake? Email the standards desk at standards@lakeside.example.</p>"
            + "<p>Got a news tip? Send it to tips@lakeside.example.</p></article>");

    [Fact]
    public void Share_bar_related_list_and_author_bio_are_removed() =>
        AssertStoryOnly("<article><div class=\"share-tools\"><a href=\"#\">Facebook</a><a href=\"#\">X</a></div>" + Story2 + Story3
            + "<div><h3>Related</h3><ul><li><a href=\"/1\">Pipes burst in cold snap across the valley</a></li><li><a href=\"/2\">Water prices to rise next year, says board</a></li></ul></div>"
            + "<p>Lotte Brink is a staff reporter who covers local government and utilities.</p></article>");

    [Fact]
    public void Photo_captions_and_credits_repeated_as_text_are_removed() =>
        AssertStoryOnly("<div><figure><img src=\"a.jpg\"><figcaption>Workers at the pumping station. Photo: Ana Ruiz</figcaption></figure>"
            + "<p class=\"image-caption\">Workers at the pumping station.</p>" + Story2 + "<p>Photo: Ana Ruiz / Example Agency</p>" + Story3 + "</div>");

    [Fact]
    public void Reader_comments_in_a_section_and_the_comment_form_are_removed() =>
        AssertStoryOnly("<article>" + Story2 + Story3 + "</article><section id=\"comments\"><h2>12 comments</h2><div><p>Finally, after twenty years of complaints from people on our street, someone does something about it.</p></div></section>"
            + "<div id=\"respond\"><h3>Leave a Reply</h3><form><p>Your email address will not be published.</p><textarea></textarea></form></div>");

    [Fact]
    public void Inline_comments_after_a_comments_heading_are_cut_off() =>
        AssertStoryOnly("<div>" + Story2 + Story3 + "<h3>3 Comments</h3><ul><li><b>Ola</b><p>This is long overdue and I am glad the board finally listened to the people who live in the old town.</p></li>"
            + "<li><b>Ben</b><p>Who is going to pay for the pipes under my garden, though? The grant will not cover it.</p></li></ul></div>");

    [Fact]
    public void Page_footer_and_sidebar_are_removed() =>
        AssertStoryOnly("<div class=\"layout\"><div class=\"col\">" + Story2 + Story3 + "</div><div class=\"sidebar\"><h4>Most read</h4><p>Five things to know about the new bus timetable, which starts on Monday across the district.</p></div></div>"
            + "<footer><p>Copyright 2025 Kestrel Falls Gazette. All rights reserved. Registered in the district of Kestrel.</p></footer>");

    [Fact]
    public void Body_wrapped_in_a_paywall_named_container_is_kept() =>
        AssertStoryOnly("<div class=\"article-body\"><div class=\"paywall metered-content\">" + Story2 + Story3 + "</div></div><div class=\"paywall-offer\"><p>Subscribe now to keep reading.</p></div>");

    [Fact]
    public void Long_discussion_is_removed_even_when_it_outgrows_the_story() =>
        AssertStoryOnly("<article>" + Story2 + Story3 + "</article><div class=\"comment-thread\">" + string.Concat(Enumerable.Repeat(Story2 + Story3, 3)) + "</div>");

    [Fact]
    public void Short_sentence_starting_with_by_is_not_mistaken_for_a_byline()
    {
        var article = Extract(Page("<article>" + Story2 + "<p>By Tuesday, the river had risen again.</p>" + Story3 + "</article>"));

        Assert.Contains("By Tuesday, the river had risen again.", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Longer_membership_appeal_at_the_end_of_the_story_is_removed() =>
        AssertStoryOnly("<div>" + Story2 + Story3 + "<p>Just before you go...</p><p>Local reporting like this depends on readers like you. We are a small, independent newsroom and every contribution, however big or small, keeps our reporters in the council chamber and on the streets.</p></div>");

    [Fact]
    public void Caption_paragraph_ending_in_a_photo_credit_is_removed() =>
        AssertStoryOnly("<div><p>Board chair Lotte Aalberg at the pumping station on Monday, March 3. Photo by Ana Ruiz/Gazette.</p>" + Story2 + Story3 + "</div>");

    [Fact]
    public void Whole_page_wrapped_in_a_form_as_old_asp_net_sites_do_is_still_read() =>
        AssertStoryOnly("<form id=\"aspnetForm\" method=\"post\"><input type=\"hidden\" name=\"__VIEWSTATE\" value=\"abc\"><div class=\"hdr\"><a href=\"/\">Home</a></div><div class=\"txt\">" + Story2 + Story3 + "</div></form>");

    [Fact]
    public void Hidden_and_screen_reader_only_text_is_not_part_of_the_body() =>
        AssertStoryOnly("<div>" + Story2 + "<div hidden><p>Hidden promotional text that the page never shows to readers at all.</p></div><p style=\"display: none\">Another invisible paragraph that only scripts would reveal later on.</p>" + Story3 + "<span class=\"sr-only\">End of article</span></div>");

    [Fact]
    public void Subheadings_inside_the_body_are_kept_as_their_own_paragraph()
    {
        var article = Extract(Page("<article>" + Story2 + "<h2>What happens next</h2>" + Story3 + "</article>"));

        Assert.Equal(string.Join("\n\n", Story[0], Story[1], "What happens next", Story[2], Story[3]), article.Text);
    }

    [Fact]
    public void Lists_in_the_body_keep_one_item_per_paragraph()
    {
        var article = Extract(Page("<article>" + Story2 + "<ul><li>First phase: the old town, from 2026.</li><li>Second phase: the river district, from 2028.</li></ul>" + Story3 + "</article>"));

        Assert.Contains("First phase: the old town, from 2026.\n\nSecond phase: the river district, from 2028.", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_heading_with_related_in_its_text_before_most_of_the_story_does_not_cut_the_body()
    {
        var article = Extract(Page("<article><h2>Related</h2>" + Story2 + Story3 + "</article>"));

        Assert.Equal(StoryText, article.Text);
    }
}
