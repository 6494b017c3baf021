using Digest.Core.Queueing;
using Digest.Infrastructure.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace Digest.Functions.Triggers;

/// <summary>One <c>articles</c> message: register the article and fold what is pending into stories.</summary>
public sealed class ProcessArticle(DigestStages stages)
{
    [Function(nameof(ProcessArticle))]
    public Task RunAsync([QueueTrigger(QueueNames.Articles)] string message, CancellationToken cancellationToken)
        => stages.ProcessArticleAsync(message, cancellationToken);
}
