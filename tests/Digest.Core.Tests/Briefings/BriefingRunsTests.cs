using Digest.Core.Briefings;
using Digest.Core.Coverage;
using Digest.Core.Diagnostics;
using Digest.Core.Mail;
using Digest.Core.Processing;
using Digest.Core.Sources;
using Digest.Core.Stories;
using Digest.Core.Storage;
using Digest.Core.Summaries;
using Digest.Core.Tests.Support;

namespace Digest.Core.Tests.Briefings;

/// <summary>
/// <see cref="BriefingRuns"/>: the hourly timer's send hour, and the manual run's idempotency by request id (claims,
/// replays, a run in progress, a claim left by a crash). The whole cycle with real articles is tested on Azurite in
/// Digest.Functions.Tests; here the archive is empty, which is enough to see what runs and what does not.
/// </summary>
public sealed class BriefingRunsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 12, 12, 0, 0, TimeSpan.Zero);

    private readonly InMemoryBlobStore blobs = new();
    private readonly SettableClock clock = new(Noon);

    private BriefingRuns Runs(int sendHourUtc = 6)
    {
        var summarizer = new Summarizer();
        var brief = new BriefHandler(blobs, new StoryTracker(blobs, clock), new BriefingComposer(summarizer), new NoMail(),
            SilentReporter.Instance);
        var fold = new StoryFold(blobs, new CoverageDiffer(), summarizer, SilentReporter.Instance, clock);
        var config = new SourcesConfig { Sources = [], Subscribers = ["reader@example.org"] };
        return new BriefingRuns(brief, fold, blobs, config, new BriefingScheduleOptions { SendHourUtc = sendHourUtc }, clock,
            SilentReporter.Instance);
    }

    [Fact]
    public async Task The_hourly_timer_does_nothing_before_the_send_hour_and_composes_from_it()
    {
        clock.Now = new DateTimeOffset(2026, 3, 12, 5, 59, 0, TimeSpan.Zero);
        Assert.Null(await Runs().RunScheduledAsync());
        Assert.Null(await blobs.GetAsync(Containers.Briefings, BlobPaths.Briefing(new DateOnly(2026, 3, 12), "json")));

        clock.Now = new DateTimeOffset(2026, 3, 12, 6, 0, 0, TimeSpan.Zero);
        var result = await Runs().RunScheduledAsync();
        Assert.NotNull(result);
        Assert.Equal(new DateOnly(2026, 3, 12), result.Date);
        Assert.NotNull(await blobs.GetAsync(Containers.Briefings, BlobPaths.Briefing(new DateOnly(2026, 3, 12), "json")));
    }

    [Fact]
    public async Task A_later_tick_of_the_day_sends_from_the_archived_briefing_without_composing_it_again()
    {
        var first = await Runs().RunScheduledAsync();
        var archived = await blobs.GetAsync(Containers.Briefings, BlobPaths.Briefing(new DateOnly(2026, 3, 12), "json"));

        clock.Now = Noon.AddHours(3);
        var later = await Runs().RunScheduledAsync();

        Assert.Equal(first!.WindowEnd, later!.WindowEnd);
        Assert.Equal(archived!.ETag, (await blobs.GetAsync(Containers.Briefings, BlobPaths.Briefing(new DateOnly(2026, 3, 12), "json")))!.ETag);
    }

    [Fact]
    public async Task The_same_request_id_returns_the_first_result_and_runs_nothing()
    {
        var request = new ManualRunRequest("r-1", null, null, DryRun: true, Recipient: null);
        var first = await Runs().RunManualAsync(request);
        clock.Now = Noon.AddHours(1);
        var again = await Runs().RunManualAsync(request with { Date = new DateOnly(2026, 3, 11) });

        Assert.Equal(ManualRunStatus.Ran, first.Status);
        Assert.Equal(ManualRunStatus.Replayed, again.Status);
        Assert.True(again.Result!.Replayed);
        Assert.Equal(first.Result! with { Replayed = true }, again.Result);
        Assert.Null(await blobs.GetAsync(Containers.Briefings, BlobPaths.Briefing(new DateOnly(2026, 3, 11), "json")));
    }

    [Fact]
    public async Task A_run_in_progress_is_a_conflict_and_a_claim_left_by_a_crash_is_taken_over()
    {
        var documents = new JsonDocumentStore(blobs);
        await documents.WriteAsync(Containers.State, BriefingRuns.RunRecordPath("busy"), new ManualRunRecord("busy", Noon.AddMinutes(-1), null));
        var request = new ManualRunRequest("busy", null, null, DryRun: true, Recipient: null);

        Assert.Equal(ManualRunStatus.InProgress, (await Runs().RunManualAsync(request)).Status);

        clock.Now = Noon + BriefingRuns.StaleClaim;
        Assert.Equal(ManualRunStatus.Ran, (await Runs().RunManualAsync(request)).Status);
    }

    [Fact]
    public async Task A_date_in_the_future_is_refused_before_anything_is_claimed()
    {
        var outcome = await Runs().RunManualAsync(new ManualRunRequest("f", new DateOnly(2026, 3, 13), null, false, null));

        Assert.Equal(ManualRunStatus.Invalid, outcome.Status);
        Assert.Null(await blobs.GetAsync(Containers.State, BriefingRuns.RunRecordPath("f")));
    }

    [Fact]
    public void The_record_of_a_request_is_named_by_a_hash_of_its_id()
        => Assert.Matches("^manual-runs/[0-9a-f]{32}\\.json$", BriefingRuns.RunRecordPath("../../etc/passwd"));

    private sealed class NoMail : IMailSender
    {
        public Task SendAsync(MailMessage message, CancellationToken cancellationToken = default)
            => throw new InvalidOperationException("nothing should be sent: the archive has no story");
    }
}
