using Digest.Core.Diagnostics;

namespace Digest.Cli.Hosting;

/// <summary>Progress on the terminal: one line per step on standard error, so standard output stays for results.</summary>
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
            writer.WriteLine(stage.Length == 0 ? $"{level}{message}" : $"[{stage}] {level}{message}");
        }
    }
}
