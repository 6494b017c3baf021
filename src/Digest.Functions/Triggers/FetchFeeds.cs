using Digest.Infrastructure.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace Digest.Functions.Triggers;

/// <summary>The fetch timer (app setting <c>FetchSchedule</c>, NCRONTAB in UTC): one <c>feeds</c> message per source.</summary>
public sealed class FetchFeeds(DigestStages stages)
{
    [Function(nameof(FetchFeeds))]
    public Task RunAsync([TimerTrigger("%FetchSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => stages.FetchFeedsAsync(cancellationToken);
}
