using Azure;
using Digest.Infrastructure.Azure;

namespace Digest.Infrastructure.Tests.Azure;

public sealed class StorageFailuresTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(400, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(412, false)]
    public void Only_an_unreachable_throttled_or_failing_service_counts(int status, bool expected)
        => Assert.Equal(expected, StorageFailures.IsServiceFailure(new RequestFailedException(status, "x")));

    [Fact]
    public void The_sdks_retries_exhausted_aggregate_counts_when_every_try_failed_that_way()
    {
        Assert.True(StorageFailures.IsServiceFailure(new AggregateException(
            new RequestFailedException(503, "busy"), new HttpRequestException("connection refused"))));
        Assert.False(StorageFailures.IsServiceFailure(new AggregateException(new RequestFailedException(403, "denied"))));
        Assert.False(StorageFailures.IsServiceFailure(new InvalidDataException("bad message")));
    }
}
