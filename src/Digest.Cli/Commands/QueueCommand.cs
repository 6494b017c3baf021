using System.CommandLine;
using System.Globalization;
using Digest.Cli.Hosting;
using Digest.Core.Queueing;
using Digest.Infrastructure.FileSystem;
using Digest.Infrastructure.Hosting;
using Digest.Infrastructure.Queueing;

namespace Digest.Cli.Commands;

/// <summary>
/// <c>digest queue status|replay</c>: what waits in the queues of the data folder, and putting the messages of a poison
/// queue back once what made them fail (a full disk, a bug since fixed) is gone.
/// </summary>
internal static class QueueCommand
{
    public static Command Create()
    {
        var command = new Command("queue", "Inspect the queues and replay poison messages.");
        command.Subcommands.Add(Status());
        command.Subcommands.Add(Replay());
        return command;
    }

    private static Command Status()
    {
        var data = CommonOptions.Data();
        var command = new Command("status", "Messages waiting in each queue.") { data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            return await WithHostAsync(parse.GetValue(data)!, parse.InvocationConfiguration.Error, async host =>
            {
                // articles first, as before the fetch stage was split; then the stages' other queues.
                foreach (var name in new[] { QueueNames.Articles, QueueNames.Pages, QueueNames.Feeds }.SelectMany(q => new[] { q, QueueNames.PoisonOf(q) }))
                {
                    var count = await host.Queue.CountAsync(name, cancellationToken);
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}\t{count}"));
                }

                return 0;
            });
        });
        return command;
    }

    private static Command Replay()
    {
        var data = CommonOptions.Data();
        var queue = new Argument<string>("queue") { Description = "The poison queue to replay, e.g. articles-poison." };
        var command = new Command("replay", "Move every message of a poison queue back to its queue.") { queue, data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(queue)!;
            var stderr = parse.InvocationConfiguration.Error;
            if (PoisonReplay.TargetOf(name) is not { } target || !FileSystemMessageQueue.IsValidQueueName(name))
            {
                stderr.WriteLine($"error: '{name}' is not a poison queue; poison queues end in {QueueNames.PoisonSuffix}, e.g. {QueueNames.PoisonOf(QueueNames.Articles)}.");
                return 2;
            }

            return await WithHostAsync(parse.GetValue(data)!, stderr, async host =>
            {
                var moved = await PoisonReplay.ReplayAsync(host.Queue, name, cancellationToken);
                parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{moved} message(s) moved from {name} to {target}; the next `digest run` processes them."));
                return 0;
            });
        });
        return command;
    }

    private static async Task<int> WithHostAsync(string dataDirectory, TextWriter stderr, Func<DigestStorage, Task<int>> action)
    {
        var directory = Path.GetFullPath(dataDirectory);
        if (!Directory.Exists(directory))
        {
            stderr.WriteLine($"error: no data folder at {directory}; run `digest run` first or pass --data.");
            return 2;
        }

        try
        {
            using var storage = DigestStorage.Open(connection: null, directory, new QueueHostOptions().MessageEncoding,
                TerminalLoggerProvider.Reporter(stderr).Warning);
            return await action(storage);
        }
        catch (DataFolderBusyException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return 2;
        }
    }
}
