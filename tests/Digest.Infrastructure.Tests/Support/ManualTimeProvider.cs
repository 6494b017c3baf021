namespace Digest.Infrastructure.Tests.Support;

/// <summary>
/// A clock that moves only when told to. Timers (and so <c>Task.Delay(delay, provider)</c>) fire when <see cref="Advance"/>
/// passes their due time. With <see cref="AutoAdvance"/> every new timer moves the clock straight to its due time, so code
/// that waits (a retry delay, a visibility timeout) runs at once in virtual time.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private DateTimeOffset now = start;

    public ManualTimeProvider() : this(new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero))
    {
    }

    public bool AutoAdvance { get; init; }

    /// <summary>With <see cref="AutoAdvance"/>, only timers due within this span jump the clock; longer ones (timeouts) wait.</summary>
    public TimeSpan AutoAdvanceUpTo { get; init; } = TimeSpan.MaxValue;

    /// <summary>Total time the clock was moved by timers under <see cref="AutoAdvance"/> or by <see cref="Advance"/>.</summary>
    public TimeSpan Elapsed { get; private set; }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        List<ManualTimer> due;
        lock (gate)
        {
            now += by;
            Elapsed += by;
            due = CollectDue();
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private List<ManualTimer> CollectDue()
    {
        var due = timers.Where(timer => timer.DueAt <= now).OrderBy(timer => timer.DueAt).ToList();
        foreach (var timer in due)
        {
            if (timer.Period > TimeSpan.Zero && timer.Period != Timeout.InfiniteTimeSpan)
            {
                timer.DueAt = now + timer.Period;
            }
            else
            {
                timers.Remove(timer);
            }
        }

        return due;
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        TimeSpan jump;
        lock (gate)
        {
            timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            timer.DueAt = now + dueTime;
            timer.Period = period;
            timers.Add(timer);
            jump = AutoAdvance && dueTime > TimeSpan.Zero && dueTime <= AutoAdvanceUpTo ? dueTime : TimeSpan.Zero;
        }

        // Fire on the thread pool: the caller of CreateTimer must get its timer back before the callback runs.
        ThreadPool.QueueUserWorkItem(_ => Advance(jump));
    }

    private void Unschedule(ManualTimer timer)
    {
        lock (gate)
        {
            timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; set; }

        public TimeSpan Period { get; set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Dispose() => owner.Unschedule(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
