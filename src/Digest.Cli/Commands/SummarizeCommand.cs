using System.CommandLine;
using Digest.Core.Stories.Batch;
using Digest.Core.Summaries;

namespace Digest.Cli.Commands;

/// <summary><c>digest summarize --input IN --output OUT</c>: an extractive multi-outlet summary per story within max_words.</summary>
internal static class SummarizeCommand
{
    public static Command Create()
    {
        var (command, input, output) = BatchVerb.Define("summarize",
            "Summarize stories. Input lines {\"story\",\"max_words\",\"articles\":[…],\"as_of\"?}; output {\"story\",\"summary\"} within max_words.");
        command.SetAction((parseResult, cancellationToken) => BatchVerb.RunAsync(parseResult, input, output, content =>
        {
            var summarizer = new Summarizer();
            var requests = JsonLines.Parse<SummarizeRequest>(content, r => r.Validate());
            return JsonLines.Serialize(requests.Select(r => BatchProcessor.Summarize(r, summarizer)));
        }, cancellationToken));
        return command;
    }
}
