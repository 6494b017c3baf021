using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Digest.Core.Diagnostics;
using Digest.Core.Mail;
using Digest.Core.Processing;
using Digest.Core.Site;
using Digest.Core.Sources;
using Digest.Core.Storage;
using Digest.Core.Subscribers;

namespace Digest.Core.Briefings;

/// <summary>
/// The briefing as the hosts trigger it: the hourly timer (<see cref="RunScheduledAsync"/>) and the manual run of the
/// HTTP API (<see cref="RunManualAsync"/>). Both fold what is pending first, so the briefing sees every registered
/// article, then hand over to <see cref="BriefHandler"/>, the handler <c>digest run</c> uses.
/// </summary>
public sealed class BriefingRuns(
    BriefHandler brief,
    StoryFold fold,
    IBlobStore blobs,
    SourcesConfig config,
    BriefingScheduleOptions schedule,
    TimeProvider clock,
    IRunReporter reporter,
    SubscriberBriefings? subscriberBriefings = null,
    SubscriberStore? subscriberStore = null,
    SiteWriter? site = null)
{
    public static readonly MailAddress DefaultFrom = new("digest@localhost", "Digest");

    /// <summary>A claim older than this was left by a run that died: a new call with the same id may run again.</summary>
    public static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(15);

    private readonly JsonDocumentStore documents = new(blobs, reporter);

    /// <summary>
    /// The hourly tick. From <see cref="BriefingScheduleOptions.SendHourUtc"/> on, the day's edition is composed once
    /// (for the 24 hours before that tick) and archived; later ticks leave it as it is. Every tick then sends each stored
    /// subscriber who is due their own briefing at their local morning (<see cref="SubscriberBriefings"/>); the sources
    /// file's <c>subscribers</c> are taken into the store first (confirmed, UTC, at the send hour). Without a subscriber
    /// store (a host that has no token key) the edition goes to the sources file's addresses as before.
    /// </summary>
    /// <returns>The day's edition and what was sent, or null before the send hour when nobody was due.</returns>
    public async Task<BriefingRunResult?> RunScheduledAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var folded = false;
        Briefing? edition = null;
        if (now.UtcDateTime.Hour >= schedule.SendHourUtc)
        {
            var date = DateOnly.FromDateTime(now.UtcDateTime);
            edition = await documents.GetAsync<Briefing>(Containers.Briefings, BlobPaths.Briefing(date, "json"), cancellationToken);
            if (edition is null)
            {
                await FoldAsync(cancellationToken);
                folded = true;
                edition = await brief.ComposeAsync(now, BriefHandler.DefaultWindow, cancellationToken);
                await PublishSiteAsync(cancellationToken);
            }
        }

        if (subscriberBriefings is null || subscriberStore is null)
        {
            var legacy = edition is null ? 0 : await brief.SendAsync(edition, config.Subscribers, From(), now, cancellationToken);
            return edition is null ? null : BriefingRunResult.Of(null, edition, dryRun: false, config.Subscribers.Count, legacy);
        }

        if (!folded)
        {
            await FoldAsync(cancellationToken);
        }

        await subscriberStore.ImportListedAsync(config.Subscribers, schedule.SendHourUtc, now, cancellationToken);
        var sent = await subscriberBriefings.SendDueAsync(now, From(), cancellationToken);
        return edition is null && sent.Due == 0 ? null
            : BriefingRunResult.Of(null, edition ?? await brief.BuildAsync(DateOnly.FromDateTime(now.UtcDateTime), now - BriefHandler.DefaultWindow, now, cancellationToken),
                dryRun: false, sent.Due, sent.Sent);
    }

    /// <summary>
    /// A manual run, idempotent by <see cref="ManualRunRequest.RequestId"/>: the first call claims the id (a blob written
    /// only if absent), runs and records its result; a later call with the same id gets that result back and runs
    /// nothing. Deliveries go through the send ledger besides (<see cref="DeliveryLedger"/>, its <c>recipients</c> folder), so even a run repeated after a crash sends
    /// nobody the same briefing twice.
    /// </summary>
    public async Task<ManualRunOutcome> RunManualAsync(ManualRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var date = request.Date ?? today;
        if (date > today)
        {
            return ManualRunOutcome.Invalid("date is in the future: a briefing covers articles already published.");
        }

        var path = RunRecordPath(request.RequestId);
        var existing = await documents.ReadAsync<ManualRunRecord>(Containers.State, path, cancellationToken);
        if (existing?.Value.Result is { } first)
        {
            return ManualRunOutcome.Replayed(first with { Replayed = true });
        }

        if (existing is not null && now - existing.Value.ClaimedAt < StaleClaim)
        {
            return ManualRunOutcome.InProgress();
        }

        var claim = new ManualRunRecord(request.RequestId, now, null);
        try
        {
            await documents.WriteAsync(Containers.State, path, claim,
                existing is null ? BlobCondition.IfNotExists : BlobCondition.IfMatches(existing.ETag), cancellationToken);
        }
        catch (BlobPreconditionFailedException)
        {
            // Another call with the same id got there first.
            return ManualRunOutcome.InProgress();
        }

        // A past day's briefing ends at that day's end; today's at this moment.
        var end = date == today ? now : new DateTimeOffset(date.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero);
        await FoldAsync(cancellationToken);
        var briefing = await brief.ComposeAsync(end, request.Window ?? BriefHandler.DefaultWindow, cancellationToken);
        await PublishSiteAsync(cancellationToken);
        IReadOnlyList<string> recipients = request.Recipient is { } one ? [one] : config.Subscribers;
        var sent = request.DryRun ? 0 : await brief.SendAsync(briefing, recipients, From(), now, cancellationToken);
        var result = BriefingRunResult.Of(request.RequestId, briefing, request.DryRun, recipients.Count, sent);
        await documents.WriteAsync(Containers.State, path, claim with { Result = result }, cancellationToken: cancellationToken);
        reporter.Info(string.Create(CultureInfo.InvariantCulture,
            $"Manual briefing run for {BlobPaths.Day(date)}: {briefing.Stories.Count} stories, sent to {sent}."));
        return ManualRunOutcome.Ran(result);
    }

    /// <summary><c>state/manual-runs/&lt;hash&gt;.json</c>: the id is the caller's text, so only its hash names the blob.</summary>
    public static string RunRecordPath(string requestId)
        => $"manual-runs/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(requestId)))[..32]}.json";

    /// <summary>Another worker folding is fine: what it leaves pending is folded by the next fold, before the next briefing.</summary>
    private async Task FoldAsync(CancellationToken cancellationToken)
    {
        var folded = await fold.RunAsync(cancellationToken);
        if (folded.Busy)
        {
            reporter.Info("Another worker holds the fold lease; the briefing is composed from what is folded.");
        }
    }

    /// <summary>The archive site after a new edition, before any mail links to its web copy.</summary>
    private async Task PublishSiteAsync(CancellationToken cancellationToken)
    {
        if (site is not null)
        {
            await site.TryWriteAsync(cancellationToken);
        }
    }

    private MailAddress From() => config.From is null ? DefaultFrom : MailAddressParser.Parse(config.From);
}

/// <summary>When the hourly briefing timer composes the day's archived edition (UTC); subscribers get theirs at their own hour.</summary>
public sealed record BriefingScheduleOptions
{
    public int SendHourUtc { get; init; } = 6;
}

/// <param name="RequestId">The caller's id; only its hash names the record.</param>
/// <param name="Recipient">Send to this one address instead of the subscribers (already validated).</param>
public sealed record ManualRunRequest(string RequestId, DateOnly? Date, TimeSpan? Window, bool DryRun, string? Recipient);

/// <summary>What a briefing run did; the JSON of <c>POST /api/briefings/run</c>.</summary>
public sealed record BriefingRunResult(
    string? RequestId,
    DateOnly Date,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    int Stories,
    bool DryRun,
    int Recipients,
    int Sent,
    bool Replayed = false)
{
    public static BriefingRunResult Of(string? requestId, Briefing briefing, bool dryRun, int recipients, int sent)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        return new BriefingRunResult(requestId, briefing.Date, briefing.WindowStart, briefing.WindowEnd, briefing.Stories.Count,
            dryRun, recipients, sent);
    }
}

/// <summary><c>state/manual-runs/&lt;hash&gt;.json</c>: claimed when a run starts, with its result once it is done.</summary>
public sealed record ManualRunRecord(string RequestId, DateTimeOffset ClaimedAt, BriefingRunResult? Result);

public enum ManualRunStatus
{
    Ran,
    Replayed,
    InProgress,
    Invalid,
}

public sealed record ManualRunOutcome(ManualRunStatus Status, BriefingRunResult? Result, string? Error)
{
    public static ManualRunOutcome Ran(BriefingRunResult result) => new(ManualRunStatus.Ran, result, null);

    public static ManualRunOutcome Replayed(BriefingRunResult result) => new(ManualRunStatus.Replayed, result, null);

    public static ManualRunOutcome InProgress() => new(ManualRunStatus.InProgress, null, "a run with this request id is in progress.");

    public static ManualRunOutcome Invalid(string error) => new(ManualRunStatus.Invalid, null, error);
}
