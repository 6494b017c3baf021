using System.CommandLine;
using Digest.Cli.Commands;

// Each verb lives in Commands/, one file a verb; this list is the whole CLI.
var root = new RootCommand("Digest: a daily news briefing from the outlets you choose.")
{
    RunCommand.Create(),
    ClusterCommand.Create(),
    SummarizeCommand.Create(),
    NoveltyCommand.Create(),
    new Command("eval") { EvalStoriesCommand.Create() },
    new Command("bench") { BenchStoriesCommand.Create() },
};

return await root.Parse(args).InvokeAsync();
