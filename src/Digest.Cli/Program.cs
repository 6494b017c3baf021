using System.CommandLine;
using Digest.Cli.Commands;

// Each verb lives in Commands/, one file a verb; this list is the whole CLI.
var root = new RootCommand("Digest: a daily news briefing from the outlets you choose.")
{
    RunCommand.Create(),
    ExtractCommand.Create(),
    new Command("eval", "Evaluate against own-written sets.") { EvalExtractionCommand.Create() },
};

return await root.Parse(args).InvokeAsync();
