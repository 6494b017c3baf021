using Digest.Core.Archive;
using Digest.Core.Briefings;
using Digest.Core.Coverage;
using Digest.Core.Diagnostics;
using Digest.Core.Extraction;
using Digest.Core.Fetching;
using Digest.Core.Mail;
using Digest.Core.Processing;
using Digest.Core.Queueing;
using Digest.Core.Site;
using Digest.Core.Sources;
using Digest.Core.Storage;
using Digest.Core.Stories;
using Digest.Core.Subscribers;
using Digest.Core.Summaries;
using Digest.Infrastructure.Fetching;
using Digest.Infrastructure.Hosting.Api;
using Digest.Infrastructure.Mail;
using Digest.Infrastructure.Subscribers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Digest.Infrastructure.Hosting;

/// <summary>How a host uses <see cref="DigestServiceCollectionExtensions.AddDigest"/>.</summary>
/// <param name="BaseDirectory">Relative paths in the settings are taken from here (default: the app's folder).</param>
/// <param name="RequireSharedStorage">The Functions app: its instances share nothing but the storage account, so the
/// embedded data folder is not an option and a missing connection is an error.</param>
/// <param name="DefaultPublicBaseUrl">Where this host answers when <c>Digest:PublicBaseUrl</c> is not set
/// (<c>digest serve</c>: its own loopback address); null where the setting is required.</param>
/// <param name="SigningKeyOptional"><c>digest run</c>: on a storage account without <c>Digest:TokenSigningKey</c> it still
/// fetches, processes and composes, and only sending to subscribers fails (resolving <see cref="SubscriberStore"/> throws
/// <see cref="InvalidOperationException"/> naming the setting). Elsewhere the missing key is a start-up error.</param>
public sealed record DigestHostOptions(string? BaseDirectory = null, bool RequireSharedStorage = false, Uri? DefaultPublicBaseUrl = null,
    bool SigningKeyOptional = false);

/// <summary>The one composition root, used by the Functions app and by <c>digest serve</c>.</summary>
public static class DigestServiceCollectionExtensions
{
    /// <summary>
    /// Registers the stages, the archive queries and the HTTP API over the configured storage, mail and sources file.
    /// The settings are checked when the host starts (<c>ValidateOnStart</c>): every problem is reported in one
    /// <see cref="OptionsValidationException"/> before any function runs.
    /// </summary>
    public static IServiceCollection AddDigest(this IServiceCollection services, IConfiguration configuration,
        DigestHostOptions? host = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        host ??= new DigestHostOptions();
        var baseDirectory = host.BaseDirectory ?? AppContext.BaseDirectory;

        services.AddOptions<DigestOptions>().Bind(configuration.GetSection(DigestOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DigestOptions>>(new DigestOptionsValidator(configuration, baseDirectory, host));
        services.AddSingleton(provider => Resolve(provider.GetRequiredService<IOptions<DigestOptions>>().Value, configuration,
            baseDirectory, host));
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        // What belongs to no stage (storage, queues); each stage handler gets a reporter under its own category.
        services.AddSingleton<IRunReporter>(provider => Reporter(provider, DigestLogCategories.Host));

        services.AddSingleton(provider => provider.GetRequiredService<DigestSettings>().Sources);
        services.AddSingleton(provider => provider.GetRequiredService<DigestSettings>().Queues);
        services.AddSingleton(provider => DigestStorage.Open(provider.GetRequiredService<DigestSettings>(),
            provider.GetRequiredService<IRunReporter>().Warning));
        services.AddSingleton(provider => provider.GetRequiredService<DigestStorage>().Blobs);
        services.AddSingleton(provider => provider.GetRequiredService<DigestStorage>().Queue);
        services.TryAddSingleton(CreateMail);

        // One fetcher for both fetch stages, so its per-host limits hold across them.
        services.AddSingleton<IPageFetcher>(provider => new HttpPageFetcher(
            FetchOptions.ForSourcesFile(provider.GetRequiredService<SourcesConfig>()), TimeProvider.System));
        services.AddSingleton<IArticleExtractor, ArticleExtractor>();
        services.AddSingleton<ICoverageDiffer>(new CoverageDiffer());
        services.AddSingleton<ISummarizer>(new Summarizer());
        services.AddSingleton<IStoryTracker>(provider => new StoryTracker(provider.GetRequiredService<IBlobStore>(),
            provider.GetRequiredService<TimeProvider>(), reporter: Reporter(provider, DigestLogCategories.Brief)));
        services.AddSingleton(provider => new BriefingComposer(provider.GetRequiredService<ISummarizer>()));
        services.AddSingleton(provider => new BriefingScheduleOptions
        {
            SendHourUtc = provider.GetRequiredService<DigestSettings>().Options.BriefingHourUtc,
        });

        services.AddSingleton(provider => new FeedHandler(provider.GetRequiredService<IPageFetcher>(),
            provider.GetRequiredService<IBlobStore>(), provider.GetRequiredService<IMessageQueue>(),
            provider.GetRequiredService<SourcesConfig>(), provider.GetRequiredService<TimeProvider>(),
            Reporter(provider, DigestLogCategories.Fetch)));
        services.AddSingleton(provider => new PageHandler(provider.GetRequiredService<IPageFetcher>(),
            provider.GetRequiredService<IArticleExtractor>(), provider.GetRequiredService<IBlobStore>(),
            provider.GetRequiredService<IMessageQueue>(), provider.GetRequiredService<SourcesConfig>(),
            provider.GetRequiredService<TimeProvider>(), Reporter(provider, DigestLogCategories.Extract), DigestStages.IsStorageFailure));
        // The fold's lease runs on the real clock: it must expire in real time even when the domain clock is pinned.
        services.AddSingleton(provider => new StoryFold(provider.GetRequiredService<IBlobStore>(),
            provider.GetRequiredService<ICoverageDiffer>(), provider.GetRequiredService<ISummarizer>(),
            Reporter(provider, DigestLogCategories.Process), TimeProvider.System));
        services.AddSingleton(provider => new ProcessHandler(provider.GetRequiredService<IBlobStore>(),
            provider.GetRequiredService<StoryFold>(), Reporter(provider, DigestLogCategories.Process)));
        services.AddSingleton(provider => new BriefHandler(provider.GetRequiredService<IBlobStore>(),
            provider.GetRequiredService<IStoryTracker>(), provider.GetRequiredService<BriefingComposer>(),
            provider.GetRequiredService<IMailSender>(), Reporter(provider, DigestLogCategories.Brief)));
        services.AddSingleton(provider => new BriefingRuns(provider.GetRequiredService<BriefHandler>(),
            provider.GetRequiredService<StoryFold>(), provider.GetRequiredService<IBlobStore>(),
            provider.GetRequiredService<SourcesConfig>(), provider.GetRequiredService<BriefingScheduleOptions>(),
            provider.GetRequiredService<TimeProvider>(), Reporter(provider, DigestLogCategories.Brief),
            provider.GetService<SubscriberBriefings>(), provider.GetService<SubscriberStore>(), provider.GetRequiredService<SiteWriter>()));
        services.AddSingleton(provider => new SiteWriter(provider.GetRequiredService<IBlobStore>(), Reporter(provider, DigestLogCategories.Site)));
        // Its own line is about the fold: the process stage's.
        services.AddSingleton(provider => new DigestStages(provider.GetRequiredService<IMessageQueue>(),
            provider.GetRequiredService<SourcesConfig>(), provider.GetRequiredService<FeedHandler>(),
            provider.GetRequiredService<PageHandler>(), provider.GetRequiredService<ProcessHandler>(),
            provider.GetRequiredService<StoryFold>(), provider.GetRequiredService<BriefingRuns>(),
            Reporter(provider, DigestLogCategories.Process), provider.GetRequiredService<SiteWriter>()));
        services.AddSingleton<ArchiveQueries>();
        AddSubscriptions(services);
        services.AddSingleton(provider => new DigestApi(provider.GetRequiredService<ArchiveQueries>(),
            provider.GetRequiredService<BriefingRuns>(), provider.GetRequiredService<SubscriptionFlow>(),
            provider.GetRequiredService<DigestSettings>().Subscriptions.SiteBaseUrl));
        return services;
    }

    /// <summary>
    /// The signing key, the token signer, the store, the link builder, the double opt-in over them, and the send ledger
    /// with the local-morning sender.
    /// </summary>
    private static void AddSubscriptions(IServiceCollection services)
    {
        services.AddSingleton(provider =>
        {
            var settings = provider.GetRequiredService<DigestSettings>();
            // Without a configured key the embedded data folder uses its own; a storage account refuses (naming the
            // setting), which start-up has already reported unless the host made the key optional.
            return new SigningKey(settings.Subscriptions.ConfiguredKey ?? TokenSigningKey.Resolve(null,
                SubscriptionSettings.TokenSigningKeySetting, settings.DataDirectory, sharedStorage: settings.Storage is not null));
        });
        services.AddSingleton(provider => new SubscriptionToken(provider.GetRequiredService<SigningKey>().Bytes));
        services.AddSingleton(provider => new SubscriberStore(provider.GetRequiredService<IBlobStore>(),
            provider.GetRequiredService<SigningKey>().Bytes, Reporter(provider, DigestLogCategories.Brief)));
        services.AddSingleton(provider =>
        {
            var subscriptions = provider.GetRequiredService<DigestSettings>().Subscriptions;
            return new SubscriptionLinks(subscriptions.PublicBaseUrl, subscriptions.SiteBaseUrl, provider.GetRequiredService<SubscriptionToken>());
        });
        // Other instances may share a storage account, so a claim there is only taken over once it is stale; the locked
        // data folder has no other writer, so a claim in it was left by a process that died.
        services.AddSingleton(provider => new DeliveryLedger(provider.GetRequiredService<IBlobStore>(),
            Reporter(provider, DigestLogCategories.Brief), soleWriter: provider.GetRequiredService<DigestStorage>().OwnsStorage));
        // Registered, so BriefingRuns (the hourly timer) sends each subscriber at their local morning.
        services.AddSingleton(provider => new SubscriberBriefings(provider.GetRequiredService<BriefHandler>(),
            provider.GetRequiredService<SubscriberStore>(), provider.GetRequiredService<DeliveryLedger>(),
            provider.GetRequiredService<IMailSender>(), provider.GetRequiredService<SubscriptionLinks>(),
            Reporter(provider, DigestLogCategories.Brief), provider.GetRequiredService<DigestSettings>().Subscriptions.UnsubscribeMailto));
        services.AddSingleton(provider =>
        {
            var from = provider.GetRequiredService<SourcesConfig>().From;
            return new SubscriptionFlow(provider.GetRequiredService<SubscriberStore>(), provider.GetRequiredService<SubscriptionToken>(),
                provider.GetRequiredService<SubscriptionLinks>(), provider.GetRequiredService<IMailSender>(),
                from is null ? BriefingRuns.DefaultFrom : MailAddressParser.Parse(from), provider.GetRequiredService<TimeProvider>(),
                Reporter(provider, DigestLogCategories.Subscriptions));
        });
    }

    private static LoggerReporter Reporter(IServiceProvider provider, string category)
        => LoggerReporter.For(provider.GetRequiredService<ILoggerFactory>(), category);

    private static DigestSettings Resolve(DigestOptions options, IConfiguration configuration, string baseDirectory, DigestHostOptions host)
    {
        var errors = new List<string>();
        return DigestSettings.TryResolve(options, configuration, baseDirectory, host, errors)
               ?? throw new OptionsValidationException(DigestOptions.SectionName, typeof(DigestOptions), errors);
    }

    private static IMailSender CreateMail(IServiceProvider provider)
    {
        var settings = provider.GetRequiredService<DigestSettings>();
        var mail = settings.Options.Mail;
        return mail.Kind switch
        {
            "smtp" => new SmtpMailSender(new SmtpOptions(mail.SmtpHost!, mail.SmtpPort,
                mail.SmtpSecurity switch { "tls" => SmtpSecurity.ImplicitTls, "none" => SmtpSecurity.None, _ => SmtpSecurity.StartTls },
                mail.SmtpUserName, mail.SmtpPassword, PinnedCertificateSha256: mail.SmtpCertificateSha256)),
            "sendgrid" => new SendGridMailSender(new SendGridOptions(mail.SendGridApiKey!), new HttpClient(), provider.GetRequiredService<TimeProvider>()),
            _ => new EmlOutboxMailSender(Path.Combine(settings.DataDirectory, "outbox")),
        };
    }

    /// <summary>The token-signing key's bytes, resolved once.</summary>
    private sealed record SigningKey(byte[] Bytes);

    /// <summary>Runs the whole resolution at start-up, so a bad setting stops the host before its first invocation.</summary>
    private sealed class DigestOptionsValidator(IConfiguration configuration, string baseDirectory, DigestHostOptions host)
        : IValidateOptions<DigestOptions>
    {
        public ValidateOptionsResult Validate(string? name, DigestOptions options)
        {
            var errors = new List<string>();
            DigestSettings.TryResolve(options, configuration, baseDirectory, host, errors);
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
