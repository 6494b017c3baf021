using System.Globalization;
using System.Net;
using Digest.Core.Diagnostics;
using Digest.Core.Processing;
using Digest.Core.Queueing;
using Digest.Infrastructure.Hosting;
using Digest.Infrastructure.Hosting.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NCrontab;

namespace Digest.Cli.Serve;

/// <summary>What <c>digest serve</c> runs with, resolved from its flags and settings.</summary>
/// <param name="Settings">The <c>Digest:*</c> settings (and <c>AzureWebJobsStorage</c>), as the Functions app reads them.</param>
/// <param name="Clock">The domain clock: pinned by <c>--now</c> or the sources file's defaultNow, else the real one.</param>
internal sealed record ServeOptions(
    IReadOnlyDictionary<string, string?> Settings,
    int Port,
    FunctionKey Key,
    CrontabSchedule FetchSchedule,
    CrontabSchedule BriefingSchedule,
    TimeProvider Clock);

/// <summary>
/// The Functions app on one machine: the same composition root (<see cref="DigestServiceCollectionExtensions.AddDigest"/>),
/// the two timers on their NCRONTAB schedules, a queue worker per stage queue with host.json's rules, and the same
/// HTTP routes on Kestrel at 127.0.0.1, behind a function key (the subscription routes without, as on Azure). Stopping (Ctrl-C, SIGTERM) stops the timers and
/// receivers, lets running handlers finish or hands their messages back, then exits.
/// </summary>
internal static class ServeHost
{
    public static WebApplication Build(ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(options.Settings);
        builder.Logging.ClearProviders();
        // Standard output is for results; every log line goes to standard error, escaped by LoggerReporter.
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console =>
            console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));

        builder.Services.AddSingleton(options.Clock);
        builder.Services.AddDigest(builder.Configuration, new DigestHostOptions(BaseDirectory: Environment.CurrentDirectory,
            DefaultPublicBaseUrl: new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{options.Port}/"))));
        // Registered as plain IHostedService singletons: AddHostedService keeps one service per implementation type, and
        // there are two timers and three queue workers.
        builder.Services.AddSingleton<IHostedService>(provider => Timer(provider, "FetchFeeds", options.FetchSchedule,
            ct => provider.GetRequiredService<DigestStages>().FetchFeedsAsync(ct)));
        builder.Services.AddSingleton<IHostedService>(provider => Timer(provider, "SendBriefings", options.BriefingSchedule,
            ct => provider.GetRequiredService<DigestStages>().SendBriefingsAsync(ct)));
        builder.Services.AddSingleton<IHostedService>(provider => Worker(provider, QueueNames.Feeds, (stages, m, ct) => stages.ReadFeedAsync(m.Text, ct)));
        builder.Services.AddSingleton<IHostedService>(provider => Worker(provider, QueueNames.Pages, (stages, m, ct) => stages.ExtractPageAsync(m.Text, ct)));
        builder.Services.AddSingleton<IHostedService>(provider => Worker(provider, QueueNames.Articles, (stages, m, ct) => stages.ProcessArticleAsync(m.Text, ct)));

        var app = builder.Build();
        MapRoutes(app, options.Key);
        return app;
    }

    /// <summary>
    /// Before the first listener: on the embedded store this process holds the data folder's lock, so messages left in
    /// flight and a fold lease were left by a process that died; they are recovered, as <c>digest run</c> does.
    /// </summary>
    public static async Task RecoverAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var storage = services.GetRequiredService<DigestStorage>();
        if (storage.FileQueue is not { } files)
        {
            return;
        }

        foreach (var queue in new[] { QueueNames.Feeds, QueueNames.Pages, QueueNames.Articles })
        {
            await files.RecoverInFlightAsync(queue, cancellationToken);
        }

        await services.GetRequiredService<StoryFold>().BreakStaleLeaseAsync(cancellationToken);
    }

    /// <summary>The routes of the Functions app (README, "HTTP API"); anything else is a JSON 404.</summary>
    private static void MapRoutes(WebApplication app, FunctionKey key)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/briefings/run", Guarded(key, (digest, context) => digest.RunBriefingAsync(context.Request.Body, context.RequestAborted)));
        api.MapGet("/briefings", Guarded(key, (digest, context) => digest.ListBriefingsAsync(context.RequestAborted)));
        api.MapGet("/briefings/{date}", Guarded(key, (digest, context) => digest.GetBriefingAsync(Route(context, "date"), context.RequestAborted)));
        api.MapGet("/stories/{id}", Guarded(key, (digest, context) => digest.GetStoryAsync(Route(context, "id"), context.RequestAborted)));
        api.MapGet("/articles/{id}", Guarded(key, (digest, context) => digest.GetArticleAsync(Route(context, "id"), context.RequestAborted)));
        api.MapGet("/sources", Guarded(key, (digest, context) => digest.SourcesAsync(context.RequestAborted)));
        // The subscription routes are anonymous, as on the Functions app: readers have no key, the links carry a token.
        api.MapPost("/subscribers", Open((digest, context) => digest.SubscribeAsync(context.Request.Body, context.RequestAborted)));
        api.MapGet("/subscribers/confirm", Open((digest, context) => Task.FromResult(digest.ConfirmPage(DigestApi.TokenOf(context.Request.Query)))));
        api.MapPost("/subscribers/confirm", Open((digest, context) => digest.ConfirmAsync(DigestApi.TokenOf(context.Request.Query), context.RequestAborted)));
        api.MapGet("/subscribers/unsubscribe", Open((digest, context) => Task.FromResult(digest.UnsubscribePage(DigestApi.TokenOf(context.Request.Query)))));
        api.MapPost("/subscribers/unsubscribe", Open((digest, context) => digest.UnsubscribeAsync(DigestApi.TokenOf(context.Request.Query), context.RequestAborted)));
        // Every path and method nothing above takes, files included (MapFallback's default pattern skips paths with a dot):
        // the archive site at "/" (as the static website endpoint serves it), else a JSON 404 as the Functions app's
        // anonymous catch-all answers.
        app.MapFallback("{*path}", SiteFiles.ServeAsync);
    }

    private static RequestDelegate Guarded(FunctionKey key, Func<DigestApi, HttpContext, Task<ApiResponse>> route)
        => async context =>
        {
            var response = key.Accepts(context.Request)
                ? await route(context.RequestServices.GetRequiredService<DigestApi>(), context)
                : ApiResponse.Unauthorized();
            await response.WriteAsync(context.Response, context.RequestAborted);
        };

    private static RequestDelegate Open(Func<DigestApi, HttpContext, Task<ApiResponse>> route)
        => async context =>
        {
            var response = await route(context.RequestServices.GetRequiredService<DigestApi>(), context);
            await response.WriteAsync(context.Response, context.RequestAborted);
        };

    private static string? Route(HttpContext context, string name) => context.Request.RouteValues[name] as string;

    private static CronTimer Timer(IServiceProvider provider, string name, CrontabSchedule schedule, Func<CancellationToken, Task> run)
        => new(name, schedule, run, TimeProvider.System, provider.GetRequiredService<ILogger<CronTimer>>());

    private static QueueWorker Worker(IServiceProvider provider, string queue,
        Func<DigestStages, QueueMessage, CancellationToken, Task> handler)
    {
        var stages = provider.GetRequiredService<DigestStages>();
        var reporter = provider.GetRequiredService<IRunReporter>();
        return new QueueWorker(queue, (message, ct) => handler(stages, message, ct), provider.GetRequiredService<IMessageQueue>(),
            provider.GetRequiredService<QueueHostOptions>(), provider.GetRequiredService<DigestStorage>(), reporter.Warning);
    }
}
