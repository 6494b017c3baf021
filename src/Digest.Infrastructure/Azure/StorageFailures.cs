using System.Net.Http;
using Azure;

namespace Digest.Infrastructure.Azure;

/// <summary>Tells Azure Storage itself failing (an outage, throttling, the network) from a request that was wrong.</summary>
public static class StorageFailures
{
    /// <summary>
    /// True for what the SDK gave up retrying: no response (status 0), 408, 429 or a 5xx, and the AggregateException the
    /// SDK throws when every try failed. A 4xx is an answer about the request, not a failing service.
    /// </summary>
    public static bool IsServiceFailure(Exception exception) => exception switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        HttpRequestException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsServiceFailure),
        _ => false,
    };
}
