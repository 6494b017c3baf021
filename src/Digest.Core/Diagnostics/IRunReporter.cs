namespace Digest.Core.Diagnostics;

/// <summary>Where the stages tell what they are doing: the terminal for the CLI, the function log on Azure.</summary>
public interface IRunReporter
{
    void Info(string message);

    /// <summary>Something went wrong but the run goes on (a source failed, a page was not an article).</summary>
    void Warning(string message);
}

/// <summary>Reports nothing; for tests and batch tools.</summary>
public sealed class SilentReporter : IRunReporter
{
    public static SilentReporter Instance { get; } = new();

    public void Info(string message) { }

    public void Warning(string message) { }
}
