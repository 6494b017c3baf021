using System.CommandLine;
using System.Globalization;
using Digest.Cli.Hosting;
using Digest.Core.Briefings;
using Digest.Core.Queueing;
using Digest.Core.Safety;
using Digest.Infrastructure.Azure;
using Digest.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace Digest.Cli.Commands;

/// <summary><c>digest run</c>: one whole cycle (fetch, process, brief) on the embedded default.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var sources = CommonOptions.Sources();
        var data = CommonOptions.Data();
        var now = CommonOptions.Now();
        var storage = CommonOptions.Storage();
        var noSend = new Option<bool>("--no-send") { Description = "Compose and archive the briefing but do not send it." };
        var window = new Option<double>("--window-hours")
        {
            Description = "How far back the briefing looks, in hours.",
            DefaultValueFactory = _ => BriefHandler.DefaultWindow.TotalHours,
        };

        var command = new Command("run", "Fetch new articles, process them and compose the briefing: one whole cycle.")
        {
            sources, data, now, noSend, window, storage,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            var stdout = parse.InvocationConfiguration.Output;
            try
            {
                var sourcesPath = CommonOptions.ResolveSources(parse.GetValue(sources));
                var config = SourcesFileReader.Read(sourcesPath);
                var clockNow = CommonOptions.ResolveNow(parse.GetValue(now), config.DefaultNow, stderr);
                var hours = parse.GetValue(window);
                if (hours is <= 0 or > 24 * 366)
                {
                    throw new ConfigurationException("--window-hours must be between 0 and 8784.");
                }

                // Checked here too, so that a malformed string is named by the flag the user typed.
                var connectionString = parse.GetValue(storage);
                var connection = connectionString is null ? null : StorageConnection.FromConnectionString(connectionString, "--storage");
                using var app = LocalApp.Open(new LocalAppOptions(sourcesPath, parse.GetValue(data)!, connectionString,
                    new FixedTimeProvider(clockNow), stderr));
                stderr.WriteLine($"Sources: {SafeText.ForTerminal(Path.GetFullPath(sourcesPath))}");
                stderr.WriteLine($"Data: {SafeText.ForTerminal(app.Settings.DataDirectory)}");
                if (connection is not null)
                {
                    stderr.WriteLine($"Storage: {connection.BlobServiceUri} and {connection.QueueServiceUri}");
                }

                var result = await new DigestCycle(app).RunAsync(TimeSpan.FromHours(hours), !parse.GetValue(noSend), cancellationToken);

                var failed = result.Sources.Count(s => s.Failed);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Sources.Sum(s => s.NewArticles)} new article(s) from {result.Sources.Count - failed} of {result.Sources.Count} source(s); {result.Processed} processed; {result.Briefing.Stories.Count} stor{(result.Briefing.Stories.Count == 1 ? "y" : "ies")} in the briefing; sent to {result.Sent}."));
                var deferred = result.Sources.Sum(s => s.Deferred);
                if (deferred > 0 || result.PoisonTotal > 0 || result.LeftForLater > 0)
                {
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"Left for later: {deferred} item(s) over budget or waiting for a retry; {result.LeftForLater} message(s) on the queue; {result.PoisonTotal} in {QueueNames.PoisonOf(QueueNames.Articles)}."));
                }
                stdout.WriteLine($"Briefing: {result.BriefingPath}");
                if (result.Sent > 0 && app.OutboxDirectory is { } outbox)
                {
                    stdout.WriteLine($"Outbox: {SafeText.ForTerminal(outbox)}");
                }

                // Every source failing is an error worth a non-zero exit; some failing is the normal state of the web.
                return failed == result.Sources.Count ? 1 : 0;
            }
            catch (Exception ex) when (ex is ConfigurationException or Infrastructure.FileSystem.DataFolderBusyException or InvalidDataException)
            {
                stderr.WriteLine($"error: {SafeText.ForTerminal(ex.Message)}");
                return 2;
            }
            catch (OptionsValidationException ex)
            {
                // One line per bad setting; they can quote a path or a sources file.
                foreach (var failure in ex.Failures)
                {
                    stderr.WriteLine($"error: {SafeText.ForTerminal(failure)}");
                }

                return 2;
            }
            catch (Exception ex) when (StorageFailures.IsServiceFailure(ex))
            {
                // The SDK has already retried: the account is unreachable or failing (is Azurite running?).
                stderr.WriteLine($"error: storage is not answering: {SafeText.ForTerminal(ex.Message)}");
                return 1;
            }
        });
        return command;
    }
}
