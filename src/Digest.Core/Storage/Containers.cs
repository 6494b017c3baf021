namespace Digest.Core.Storage;

/// <summary>
/// The blob layout is a public contract (README, "Blob layout"). Every container and path the product writes is named here.
/// </summary>
public static class Containers
{
    /// <summary>Per-source fetch state: <c>state/sources/&lt;sourceId&gt;.json</c>; story index: <c>state/story-index.json</c>.</summary>
    public const string State = "state";

    /// <summary>Downloaded pages as received: <c>raw/&lt;articleId&gt;.html</c>.</summary>
    public const string Raw = "raw";

    /// <summary>Articles: <c>articles/&lt;articleId&gt;.json</c>.</summary>
    public const string Articles = "articles";

    /// <summary>Stories: <c>stories/&lt;storyId&gt;.json</c>.</summary>
    public const string Stories = "stories";

    /// <summary>Briefings: <c>briefings/&lt;yyyy-MM-dd&gt;.{json,html,txt}</c>.</summary>
    public const string Briefings = "briefings";

    /// <summary>The send ledger (<see cref="Subscribers.DeliveryLedger"/>): <c>subscribers/&lt;day&gt;/&lt;id&gt;.json</c> and <c>recipients/&lt;day&gt;/&lt;key&gt;.json</c>.</summary>
    public const string Deliveries = "deliveries";

    /// <summary>
    /// Subscribers: <c>subscribers/active/&lt;id&gt;.json</c>, and the keyed ids of addresses that unsubscribed:
    /// <c>subscribers/suppressed/&lt;id&gt;.json</c>. Never published with the archive site.
    /// </summary>
    public const string Subscribers = "subscribers";

    /// <summary>
    /// The archive site (README, "Archive site"): <c>index.html</c>, <c>briefings/&lt;yyyy-MM-dd&gt;/index.html</c>,
    /// <c>stories/&lt;storyId&gt;/index.html</c>. Azure Storage's static website container, so the account serves it with
    /// no compute; the one container name outside the lowercase rule. Holds no subscriber data, ever.
    /// </summary>
    public const string Site = "$web";

    /// <summary>
    /// Documents found unreadable, moved aside byte for byte: <c>quarantine/&lt;container&gt;/&lt;path&gt;</c>.
    /// </summary>
    public const string Quarantine = "quarantine";
}
