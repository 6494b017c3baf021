namespace Digest.Functions.Tests.Support;

/// <summary>The domain clock pinned to a moment, as <c>digest run --now</c> pins it.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
