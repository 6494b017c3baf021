namespace Digest.Core.Feeds;

/// <summary>The rule every format reader applies before keeping an item.</summary>
internal static class FeedItems
{
    /// <summary>
    /// Keeps <paramref name="item"/> unless it has neither a guid, nor a link, nor a title: such an item can be
    /// neither identified nor shown, and is usually a template placeholder.
    /// </summary>
    public static void AddIfIdentifiable(List<FeedItem> items, FeedItem item)
    {
        if (item.Guid is not null || item.Link is not null || item.Title is not null)
        {
            items.Add(item);
        }
    }
}
