namespace Digest.Cli.Hosting;

/// <summary>
/// The domain clock pinned to <c>--now</c>: what "today" and "the last 24 hours" mean for this run. Only the domain
/// reads it; timeouts and queue visibility keep real time.
/// </summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
