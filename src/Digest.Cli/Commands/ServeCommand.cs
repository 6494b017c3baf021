using System.CommandLine;
using System.Globalization;
using Digest.Cli.Hosting;
using Digest.Cli.Serve;
using Digest.Core.Safety;
using Digest.Infrastructure.Configuration;
using Digest.Infrastructure.FileSystem;
using Digest.Infrastructure.Hosting;
using Digest.Infrastructure.Subscribers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Digest.Cli.Commands;

/// <summary>
/// <c>digest serve</c>: the Functions app on one machine (README, "digest serve"). Flags and the settings it reads are a
/// public contract: the same setting names as the Functions app, so one configuration serves both.
/// </summary>
internal static class ServeCommand
{
    public const int DefaultPort = 7071;
    public const string DefaultFetchSchedule = "0 */15 * * * *";
    public const string DefaultBriefingSchedule = "0 0 * * * *";

    public static Command Create()
    {
        var sources = CommonOptions.Sources();
        var data = CommonOptions.Data();
        var storage = CommonOptions.Storage();
        var now = new Option<string?>("--now")
        {
            Description = "Pin the domain clock (ISO-8601), for frozen corpora; timers and leases keep real time. Default: the " +
                          "sources file's defaultNow, else the real clock.",
        };
        var port = new Option<int>("--port")
        {
            Description = "The port on 127.0.0.1 for the HTTP API.",
            DefaultValueFactory = _ => DefaultPort,
        };

        var command = new Command("serve", "Run the Functions app on this machine: timers, queue workers and the HTTP API at 127.0.0.1.")
        {
            sources, data, storage, now, port,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            ServeOptions options;
            try
            {
                options = Resolve(parse.GetValue(sources), parse.GetValue(data)!, parse.GetValue(storage), parse.GetValue(now),
                    parse.GetValue(port), stderr);
            }
            catch (ConfigurationException exception)
            {
                stderr.WriteLine($"error: {SafeText.ForTerminal(exception.Message)}");
                return 2;
            }

            return await RunAsync(options, stderr, cancellationToken);
        });
        return command;
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> (Ctrl-C, SIGTERM) or the host stops; 2 on a bad configuration.</summary>
    public static async Task<int> RunAsync(ServeOptions options, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stderr);
        await using var app = ServeHost.Build(options);
        try
        {
            // Settings first (one error naming every bad one), then the data folder's lock, before any listener starts.
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            var storage = app.Services.GetRequiredService<DigestStorage>();
            await ServeHost.RecoverAsync(app.Services, cancellationToken);
            stderr.WriteLine($"Data: {SafeText.ForTerminal(storage.Description)}");
        }
        catch (OptionsValidationException exception)
        {
            foreach (var failure in exception.Failures)
            {
                // Failures can quote a path or a sources file; the terminal sees escapes, never control characters.
                stderr.WriteLine($"error: {SafeText.ForTerminal(failure)}");
            }

            return 2;
        }
        catch (DataFolderBusyException exception)
        {
            stderr.WriteLine($"error: {SafeText.ForTerminal(exception.Message)}");
            return 2;
        }

        await app.StartAsync(cancellationToken);
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Listening on http://127.0.0.1:{options.Port}/api/ (x-functions-key required, except on /api/subscribers); Ctrl-C stops."));
        await app.WaitForShutdownAsync(cancellationToken);
        stderr.WriteLine("Stopped.");
        return 0;
    }

    /// <summary>
    /// The flags win over the environment: <c>Digest__*</c>, <c>AzureWebJobsStorage</c>, <c>FetchSchedule</c>,
    /// <c>BriefingSchedule</c> and <c>DIGEST_FUNCTIONS_KEY</c> are read as the Functions app reads its app settings.
    /// </summary>
    public static ServeOptions Resolve(string? sources, string data, string? storage, string? now, int port, TextWriter stderr,
        Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        environment ??= Environment.GetEnvironmentVariable;
        if (port is < 0 or > 65535)
        {
            throw new ConfigurationException("--port must be between 0 and 65535.");
        }

        var sourcesPath = Path.GetFullPath(CommonOptions.ResolveSources(sources));
        var settings = CliSettings.From(sourcesPath, data, storage, environment);

        var fetch = CronTimer.Parse("FetchSchedule", environment("FetchSchedule") ?? DefaultFetchSchedule);
        var briefing = CronTimer.Parse("BriefingSchedule", environment("BriefingSchedule") ?? DefaultBriefingSchedule);
        var clock = ResolveClock(now, sourcesPath, stderr);

        FunctionKey key;
        if (environment(FunctionKey.EnvironmentVariable) is { Length: > 0 } configured)
        {
            key = new FunctionKey(configured);
        }
        else
        {
            key = FunctionKey.Generate();
            stderr.WriteLine($"No {FunctionKey.EnvironmentVariable} set; this run's key: {key.Value}");
        }

        return new ServeOptions(settings, port, key, fetch, briefing, clock);
    }

    private static TimeProvider ResolveClock(string? now, string sourcesPath, TextWriter stderr)
    {
        if (now is not null)
        {
            return new FixedTimeProvider(CommonOptions.ParseTime(now, "--now"));
        }

        // The sources file is read again (and checked) by the composition root; here only its defaultNow matters.
        var defaultNow = File.Exists(sourcesPath) ? SourcesFileReader.Read(sourcesPath).DefaultNow : null;
        if (defaultNow is { } pinned)
        {
            stderr.WriteLine($"Using the sources file's defaultNow, {pinned.ToString("O", CultureInfo.InvariantCulture)}, as the domain clock (pass --now to override).");
            return new FixedTimeProvider(pinned);
        }

        return TimeProvider.System;
    }
}
