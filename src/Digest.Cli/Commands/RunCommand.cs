using System.CommandLine;

namespace Digest.Cli.Commands;

/// <summary><c>digest run</c>: one whole cycle (fetch, process, brief).</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Fetch new articles, process them and compose today's briefing.");
        command.SetAction(_ => 0);
        return command;
    }
}
