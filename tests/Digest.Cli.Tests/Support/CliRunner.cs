using System.CommandLine;

namespace Digest.Cli.Tests.Support;

/// <summary>Invokes a verb of the <c>digest</c> command in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static async Task<CliResult> InvokeAsync(Command verb, params string[] args)
    {
        var root = new RootCommand { verb };
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error);
