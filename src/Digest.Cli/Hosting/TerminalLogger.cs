using Digest.Core.Diagnostics;
using Digest.Core.Safety;
using Digest.Infrastructure.Hosting;
using Microsoft.Extensions.Logging;

namespace Digest.Cli.Hosting;

/// <summary>
/// The CLI's log sink: one line per event on standard error (standard output stays for results), prefixed with its
/// stage (<c>[fetch] </c>, from <see cref="DigestLogCategories"/>) and, from warnings up, its level. Messages quote
/// titles and URLs written by strangers, so control characters and terminal escapes are shown, never obeyed.
/// </summary>
internal sealed class TerminalLoggerProvider(TextWriter writer, LogLevel minimum = LogLevel.Information) : ILoggerProvider
{
    private readonly Lock gate = new();
    private readonly LogLevel minimumLevel = minimum;

    public ILogger CreateLogger(string categoryName) => new TerminalLogger(this, DigestLogCategories.StageOf(categoryName));

    /// <summary>A reporter on <paramref name="writer"/> for verbs that compose nothing (the archive browser).</summary>
    public static IRunReporter Reporter(TextWriter writer, string category = DigestLogCategories.Host)
        => new LoggerReporter(new TerminalLoggerProvider(writer).CreateLogger(category));

    public void Dispose()
    {
    }

    private void Write(string? stage, LogLevel level, string message)
    {
        var prefix = level switch
        {
            LogLevel.Warning => "warning: ",
            >= LogLevel.Error => "error: ",
            _ => "",
        };
        var safe = SafeText.ForTerminal(message);
        lock (gate)
        {
            writer.WriteLine(stage is null ? $"{prefix}{safe}" : $"[{stage}] {prefix}{safe}");
        }
    }

    private sealed class TerminalLogger(TerminalLoggerProvider provider, string? stage) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider.minimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            provider.Write(stage, logLevel, exception is null ? message : $"{message} ({exception.GetType().Name}: {exception.Message})");
        }
    }
}
