namespace Digest.Core.Tests.Support;

/// <summary>A clock that says what the test last set: the stages and the in-memory queue share it, so waits are exact.</summary>
internal sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
