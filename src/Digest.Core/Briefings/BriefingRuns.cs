using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Digest.Core.Diagnostics;
using Digest.Core.Mail;
using Digest.Core.Processing;
using Digest.Core.Sources;
using Digest.Core.Storage;

namespace Digest.Core.Briefings;

/// <summary>
/// The briefing as the hosts trigger it: the hourly timer (<see cref="RunScheduledAsync"/>) and the manual run of the
/// HTTP API (<see cref="RunManualAsync"/>). Both fold what is pending first, so the briefing sees every registered
/// article, then hand over to <see cref="BriefHandler"/>, the handler <c>digest run</c> uses.
/// </summary>
/// <remarks>
/// The seam for per-subscriber local mornings (issue 10) is <see cref="BriefingScheduleOptions"/> and
/// <see cref="RunScheduledAsync"/>: today one UTC hour for everyone.
/// </remarks>
public sealed class BriefingRuns(
    BriefHandler brief,
    StoryFold fold,
    IBlobStore blobs,
    SourcesConfig config,
    BriefingScheduleOptions schedule,
    TimeProvider clock,
    IRunReporter reporter)
{
    public static readonly MailAddress DefaultFrom = new("digest@localhost", "Digest");

    /// <summary>A claim older than this was left by a run that died: a new call with the same id may run again.</summary>
    public static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(15);

    private readonly JsonDocumentStore documents = new(blobs, reporter);

    /// <summary>
    /// The hourly tick: before the send hour, nothing; from it on, the day's briefing is composed once (for the 24 hours
    /// before that tick) and sent to every subscriber who has not had it. Later ticks of the day only send what a failed
    /// tick left unsent, from the archived briefing, so the archive does not change under what was sent.
    /// </summary>
    public async Task<BriefingRunResult?> RunScheduledAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (now.UtcDateTime.Hour < schedule.SendHourUtc)
        {
            return null;
        }

        var date = DateOnly.FromDateTime(now.UtcDateTime);
        var briefing = await documents.GetAsync<Briefing>(Containers.Briefings, BlobPaths.Briefing(date, "json"), cancellationToken);
        if (briefing is null)
        {
            await FoldAsync(cancellationToken);
            briefing = await brief.ComposeAsync(now, BriefHandler.DefaultWindow, cancellationToken);
        }

        var sent = await brief.SendAsync(briefing, config.Subscribers, From(), now, cancellationToken);
        return BriefingRunResult.Of(null, briefing, dryRun: false, config.Subscribers.Count, sent);
    }

    /// <summary>
    /// A manual run, idempotent by <see cref="ManualRunRequest.RequestId"/>: the first call claims the id (a blob written
    /// only if absent), runs and records its result; a later call with the same id gets that result back and runs
    /// nothing. Deliveries are recorded per date and recipient besides, so even a run repeated after a crash sends
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

    private MailAddress From() => config.From is null ? DefaultFrom : MailAddressParser.Parse(config.From);
}

/// <summary>When the hourly briefing timer sends (UTC). Issue 10 replaces this with each subscriber's local morning.</summary>
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
