using System.CommandLine;
using Digest.Core.Stories.Batch;

namespace Digest.Cli.Commands;

/// <summary><c>digest cluster --input IN --output OUT</c>: one <c>{"id","story"}</c> line per input article.</summary>
internal static class ClusterCommand
{
    public static Command Create()
    {
        var (command, input, output) = BatchVerb.Define("cluster",
            "Group articles into stories. Input lines {\"id\",\"title\",\"text\",\"published\",\"source\"}; output {\"id\",\"story\"}, same label = same story.");
        command.SetAction((parseResult, cancellationToken) => BatchVerb.RunAsync(parseResult, input, output, content =>
        {
            var articles = JsonLines.Parse<BatchArticle>(content, a => a.Validate());
            return JsonLines.Serialize(BatchProcessor.Cluster(articles));
        }, cancellationToken));
        return command;
    }
}

/// <summary>What the three batch verbs share: --input/--output options, reading, writing and error reporting.</summary>
internal static class BatchVerb
{
    public static (Command Command, Option<FileInfo> Input, Option<FileInfo> Output) Define(string name, string description)
    {
        var input = new Option<FileInfo>("--input") { Description = "JSON Lines input file.", Required = true };
        var output = new Option<FileInfo>("--output") { Description = "JSON Lines output file (overwritten).", Required = true };
        var command = new Command(name, description) { input, output };
        return (command, input, output);
    }

    /// <summary>Reads all input, transforms it and writes the output; bad input gives a message naming the line and exit code 2.</summary>
    public static async Task<int> RunAsync(ParseResult parseResult, Option<FileInfo> input, Option<FileInfo> output,
        Func<string, string> transform, CancellationToken cancellationToken)
    {
        var error = parseResult.InvocationConfiguration.Error;
        var inputFile = parseResult.GetValue(input)!;
        var outputFile = parseResult.GetValue(output)!;
        if (!inputFile.Exists)
        {
            await error.WriteLineAsync($"Input file not found: {inputFile.FullName}");
            return 2;
        }

        string result;
        try
        {
            var content = await File.ReadAllTextAsync(inputFile.FullName, cancellationToken);
            result = transform(content);
        }
        catch (BatchInputException e)
        {
            await error.WriteLineAsync($"{inputFile.Name}: {e.Message}");
            return 2;
        }

        // Write to a temporary file first so a failed run never leaves a half-written output behind.
        var temporary = outputFile.FullName + ".tmp";
        await File.WriteAllTextAsync(temporary, result, cancellationToken);
        File.Move(temporary, outputFile.FullName, overwrite: true);
        return 0;
    }
}
