using System.Collections;
using Digest.Core.Diagnostics;
using Digest.Core.Safety;
using Microsoft.Extensions.Logging;

namespace Digest.Infrastructure.Hosting;

/// <summary>
/// The stages' reporter on <see cref="ILogger"/>: what the CLI prints as lines becomes log events with the text as the
/// <c>Report</c> field and, for a report about one source, article or story, its ids as fields (<see cref="ReportSubject"/>),
/// under the stage's category (<see cref="DigestLogCategories"/>). The text quotes feeds and pages written by
/// strangers, so control characters are escaped before any sink (a console, a log file) sees them; so is a URL field.
/// </summary>
public sealed class LoggerReporter(ILogger logger) : IRunReporter
{
    private static readonly EventId InfoEvent = new(1, "Report");
    private static readonly EventId WarningEvent = new(2, "ReportWarning");

    /// <summary>A reporter under <paramref name="category"/>.</summary>
    public static LoggerReporter For(ILoggerFactory loggers, string category)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        return new LoggerReporter(loggers.CreateLogger(category));
    }

    public void Info(string message) => Log(LogLevel.Information, InfoEvent, message, default);

    public void Warning(string message) => Log(LogLevel.Warning, WarningEvent, message, default);

    public void Info(string message, ReportSubject subject) => Log(LogLevel.Information, InfoEvent, message, subject);

    public void Warning(string message, ReportSubject subject) => Log(LogLevel.Warning, WarningEvent, message, subject);

    private void Log(LogLevel level, EventId eventId, string message, ReportSubject subject)
    {
        if (!logger.IsEnabled(level))
        {
            return;
        }

        var state = new ReportState(SafeText.ForTerminal(message), subject with { Url = subject.Url is null ? null : SafeText.ForTerminal(subject.Url) });
        logger.Log(level, eventId, state, null, static (report, _) => report.Report);
    }

    /// <summary>
    /// The event's fields, as <c>LoggerMessage</c> would give them (sinks read structured state as key/value pairs):
    /// <c>Report</c>, then each id the subject has, then the template.
    /// </summary>
    private sealed class ReportState(string report, ReportSubject subject) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly KeyValuePair<string, object?>[] fields = Fields(report, subject);

        public string Report { get; } = report;

        public int Count => fields.Length;

        public KeyValuePair<string, object?> this[int index] => fields[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)fields).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Report;

        private static KeyValuePair<string, object?>[] Fields(string report, ReportSubject subject)
        {
            var list = new List<KeyValuePair<string, object?>>(6) { new("Report", report) };
            Add(list, "SourceId", subject.SourceId);
            Add(list, "ArticleId", subject.ArticleId);
            Add(list, "StoryId", subject.StoryId);
            Add(list, "Url", subject.Url);
            list.Add(new("{OriginalFormat}", "{Report}"));
            return [.. list];
        }

        private static void Add(List<KeyValuePair<string, object?>> list, string name, string? value)
        {
            if (value is not null)
            {
                list.Add(new(name, value));
            }
        }
    }
}
