using System.CommandLine;
using Digest.Core.Coverage;
using Digest.Core.Stories.Batch;

namespace Digest.Cli.Commands;

/// <summary><c>digest novelty --input IN --output OUT</c>: each given sentence labelled new or repeated against earlier coverage.</summary>
internal static class NoveltyCommand
{
    public static Command Create()
    {
        var (command, input, output) = BatchVerb.Define("novelty",
            "Label sentences new or repeated against earlier coverage. Output {\"item\",\"sentences\":[{\"sid\",\"label\",\"score\"}]}; score is 1 - similarity to earlier coverage (higher = newer).");
        command.SetAction((parseResult, cancellationToken) => BatchVerb.RunAsync(parseResult, input, output, content =>
        {
            var differ = new CoverageDiffer();
            var requests = JsonLines.Parse<NoveltyRequest>(content, r => r.Validate());
            return JsonLines.Serialize(requests.Select(r => BatchProcessor.Novelty(r, differ)));
        }, cancellationToken));
        return command;
    }
}
