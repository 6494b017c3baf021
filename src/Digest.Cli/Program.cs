using System.CommandLine;
using Digest.Cli.Commands;

// Each verb lives in Commands/, one file a verb; this list is the whole CLI.
var root = new RootCommand("Digest: a daily news briefing from the outlets you choose.")
{
    RunCommand.Create(),
    ServeCommand.Create(),
    ArchiveCommand.Create(),
    SiteCommand.Create(),
    QueueCommand.Create(),
    ExtractCommand.Create(),
    FeedsCommand.Create(),
    SubscribersCommand.Create(),
    ClusterCommand.Create(),
    SummarizeCommand.Create(),
    NoveltyCommand.Create(),
    new Command("eval", "Measure extraction and story quality on own-written sets.")
    {
        EvalExtractionCommand.Create(),
        EvalStoriesCommand.Create(),
    },
    new Command("bench", "Measure speed on generated data.")
    {
        BenchStoriesCommand.Create(),
        Digest.Cli.Bench.BenchCycleCommand.Create(),
        Digest.Cli.Bench.BenchExtractCommand.Create(),
        Digest.Cli.Bench.BenchSiteCommand.Create(),
    },
};

// digest serve stops gracefully on Ctrl-C or SIGTERM: running handlers finish or hand their messages back, which can
// take longer than the default two seconds before the process would be ended.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
