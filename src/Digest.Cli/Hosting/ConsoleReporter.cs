using Digest.Core.Diagnostics;
using Digest.Core.Safety;

namespace Digest.Cli.Hosting;

/// <summary>
/// Progress on the terminal: one line per step on standard error, so standard output stays for results. Messages quote
/// titles and URLs written by strangers, so control characters and terminal escapes are shown, never obeyed.
/// </summary>
internal sealed class ConsoleReporter(TextWriter writer, string stage = "") : IRunReporter
{
    private readonly Lock gate = new();

    public ConsoleReporter ForStage(string name) => new(writer, name);

    public void Info(string message) => Write("", message);

    public void Warning(string message) => Write("warning: ", message);

    private void Write(string level, string message)
    {
        lock (gate)
        {
            var safe = SafeText.ForTerminal(message);
            writer.WriteLine(stage.Length == 0 ? $"{level}{safe}" : $"[{stage}] {level}{safe}");
        }
    }
}
