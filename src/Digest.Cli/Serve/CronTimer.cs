using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NCrontab;

namespace Digest.Cli.Serve;

/// <summary>
/// A timer trigger as the Functions host runs one: NCRONTAB (six fields with seconds; five also accepted, as the host
/// does), in UTC; the next occurrence is computed after a run ends, so runs never overlap and missed occurrences are
/// not replayed one by one; a failed run is logged and the schedule goes on.
/// </summary>
/// <remarks>Unlike the host there is no schedule monitor: a tick missed while <c>digest serve</c> was down is not run late.</remarks>
internal sealed partial class CronTimer(string name, CrontabSchedule schedule, Func<CancellationToken, Task> run, TimeProvider clock,
    ILogger<CronTimer> logger) : BackgroundService
{
    /// <summary>Task.Delay takes at most about 49 days; longer waits are served in steps.</summary>
    private static readonly TimeSpan MaxStep = TimeSpan.FromDays(1);

    /// <summary>Parses a schedule setting; the error names the setting, never quotes more than the expression.</summary>
    public static CrontabSchedule Parse(string setting, string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            throw new Infrastructure.Configuration.ConfigurationException($"{setting} is not set: it needs an NCRONTAB expression such as \"0 */15 * * * *\".");
        }

        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var schedule = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields != 5 });
        return schedule ?? throw new Infrastructure.Configuration.ConfigurationException(
            $"{setting} is not an NCRONTAB expression ({{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}, e.g. \"0 0 * * * *\"): \"{Core.Safety.SafeText.ForTerminal(expression)}\".");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = schedule.GetNextOccurrence(clock.GetUtcNow().UtcDateTime);
            LogNext(logger, name, next);
            if (!await WaitUntilAsync(next, stoppingToken))
            {
                return;
            }

            try
            {
                await run(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogFailed(logger, exception, name);
            }
        }
    }

    private async Task<bool> WaitUntilAsync(DateTime next, CancellationToken stoppingToken)
    {
        try
        {
            for (var wait = next - clock.GetUtcNow().UtcDateTime; wait > TimeSpan.Zero; wait = next - clock.GetUtcNow().UtcDateTime)
            {
                await Task.Delay(wait < MaxStep ? wait : MaxStep, clock, stoppingToken);
            }

            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Timer {Timer}: next run at {Next:O} UTC")]
    private static partial void LogNext(ILogger logger, string timer, DateTime next);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Timer {Timer} failed; the schedule goes on")]
    private static partial void LogFailed(ILogger logger, Exception exception, string timer);
}
