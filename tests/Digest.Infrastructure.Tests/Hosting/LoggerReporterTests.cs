using Digest.Core.Diagnostics;
using Digest.Infrastructure.Hosting;
using Microsoft.Extensions.Logging;

namespace Digest.Infrastructure.Tests.Hosting;

public sealed class LoggerReporterTests
{
    [Fact]
    public void A_report_about_a_page_carries_its_ids_as_fields_and_its_text_escaped()
    {
        var sink = new CapturingLogger();
        var reporter = new LoggerReporter(sink);

        reporter.Warning("Outlet: page\u001b]8;;evil\u0007 not an article",
            ReportSubject.Page("src-1", "a-2", "https://example.test/a\u001b[2J"));

        var entry = Assert.Single(sink.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal("Outlet: page\\x1B]8;;evil\\x07 not an article", entry.Message);
        Assert.Equal("src-1", entry.Fields["SourceId"]);
        Assert.Equal("a-2", entry.Fields["ArticleId"]);
        Assert.Equal("https://example.test/a\\x1B[2J", entry.Fields["Url"]);
        Assert.False(entry.Fields.ContainsKey("StoryId"));
        Assert.Equal(entry.Message, entry.Fields["Report"]);
        Assert.Equal("{Report}", entry.Fields["{OriginalFormat}"]);
    }

    [Fact]
    public void A_plain_report_has_only_its_text()
    {
        var sink = new CapturingLogger();

        new LoggerReporter(sink).Info("Briefing 2026-03-12: 2 stories");

        var entry = Assert.Single(sink.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal(["Report", "{OriginalFormat}"], entry.Fields.Keys.Order(StringComparer.Ordinal));
    }

    private sealed record Entry(LogLevel Level, string Message, Dictionary<string, object?> Fields);

    /// <summary>Keeps each event's level, formatted text and structured state, as a sink such as OpenTelemetry reads them.</summary>
    private sealed class CapturingLogger : ILogger
    {
        public List<Entry> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)
                : [];
            Entries.Add(new Entry(logLevel, formatter(state, exception), fields));
        }
    }
}
