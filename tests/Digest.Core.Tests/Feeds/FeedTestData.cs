using System.Text;
using Digest.Core.Feeds;

namespace Digest.Core.Tests.Feeds;

internal static class FeedTestData
{
    public static readonly Uri FeedUri = new("https://harbour-gazette.example/news/feed.xml");

    public static Feed Parse(string document, Uri? feedUri = null)
        => FeedParser.Parse(Encoding.UTF8.GetBytes(document), feedUri ?? FeedUri);
}
