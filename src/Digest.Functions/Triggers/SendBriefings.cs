using Digest.Infrastructure.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace Digest.Functions.Triggers;

/// <summary>
/// The briefing timer (app setting <c>BriefingSchedule</c>, hourly): hourly so that, once briefings follow each
/// subscriber's local morning (issue 10), every time zone's morning has a tick.
/// </summary>
public sealed class SendBriefings(DigestStages stages)
{
    [Function(nameof(SendBriefings))]
    public Task RunAsync([TimerTrigger("%BriefingSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => stages.SendBriefingsAsync(cancellationToken);
}
