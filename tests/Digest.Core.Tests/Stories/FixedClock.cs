namespace Digest.Core.Tests.Stories;

/// <summary>A clock that stands still: tests must not depend on the wall clock.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
