using Digest.Core.Diagnostics;
using Digest.Core.Safety;
using Microsoft.Extensions.Logging;

namespace Digest.Infrastructure.Hosting;

/// <summary>
/// The stages' reporter on <see cref="ILogger"/>: what the CLI prints as lines becomes log events with the text as a
/// field, under the stage's category (<see cref="DigestLogCategories"/>). The text quotes feeds and pages written by
/// strangers, so control characters are escaped before any sink (a console, a log file) sees them.
/// </summary>
public sealed partial class LoggerReporter(ILogger logger) : IRunReporter
{
    /// <summary>A reporter under <paramref name="category"/>.</summary>
    public static LoggerReporter For(ILoggerFactory loggers, string category)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        return new LoggerReporter(loggers.CreateLogger(category));
    }

    public void Info(string message) => LogInfo(logger, SafeText.ForTerminal(message));

    public void Warning(string message) => LogWarning(logger, SafeText.ForTerminal(message));

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Report}")]
    private static partial void LogInfo(ILogger logger, string report);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Report}")]
    private static partial void LogWarning(ILogger logger, string report);
}
