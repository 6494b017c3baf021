namespace Digest.Core.Subscribers;

/// <summary>
/// One subscriber, stored at <c>subscribers/active/&lt;id&gt;.json</c> (JSON fields are a contract, README "Blob
/// layout"). <see cref="ConfirmedAt"/> is null until the double opt-in link was followed; only confirmed subscribers
/// get briefings.
/// </summary>
public sealed record Subscriber
{
    public required string Id { get; init; }

    public required string Address { get; init; }

    /// <summary>IANA time zone id, e.g. <c>Europe/Berlin</c>.</summary>
    public required string TimeZone { get; init; }

    /// <summary>Local hour (0–23) the briefing is sent at.</summary>
    public required int SendHour { get; init; }

    /// <summary>Only stories whose title or summary holds one of these words (case-insensitive); empty: every story.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Only stories told by one of these outlets (source names or ids); empty: every outlet.</summary>
    public IReadOnlyList<string> Outlets { get; init; } = [];

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ConfirmedAt { get; init; }

    /// <summary>When the last confirmation mail went out: the form sends another only after a pause.</summary>
    public DateTimeOffset? ConfirmationSentAt { get; init; }

    /// <summary>The local day of the last briefing sent, so each local day gets one.</summary>
    public DateOnly? LastBriefingDay { get; init; }

    /// <summary>When the last briefing was sent; the next one covers the time since.</summary>
    public DateTimeOffset? LastBriefingAt { get; init; }

    public bool IsConfirmed => ConfirmedAt is not null;
}

/// <summary>
/// What is left of an address after unsubscribing: only its keyed id, at <c>subscribers/suppressed/&lt;id&gt;.json</c>,
/// so a replayed subscribe or confirm link cannot silently add it again.
/// </summary>
public sealed record Suppression(string Id, DateTimeOffset Since);
