using Digest.Core.Queueing;
using Digest.Infrastructure.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace Digest.Functions.Triggers;

/// <summary>One <c>pages</c> message: download, extract and archive the page, and queue it on <c>articles</c>.</summary>
public sealed class ExtractPage(DigestStages stages)
{
    [Function(nameof(ExtractPage))]
    public Task RunAsync([QueueTrigger(QueueNames.Pages)] string message, CancellationToken cancellationToken)
        => stages.ExtractPageAsync(message, cancellationToken);
}
