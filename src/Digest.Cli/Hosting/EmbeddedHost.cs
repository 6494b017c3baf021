using System.Globalization;
using Digest.Core.Briefings;
using Digest.Core.Coverage;
using Digest.Core.Diagnostics;
using Digest.Core.Extraction;
using Digest.Core.Mail;
using Digest.Core.Processing;
using Digest.Core.Queueing;
using Digest.Core.Sources;
using Digest.Core.Stories;
using Digest.Core.Storage;
using Digest.Core.Subscribers;
using Digest.Core.Summaries;
using Digest.Infrastructure.Azure;
using Digest.Infrastructure.Fetching;
using Digest.Infrastructure.FileSystem;
using Digest.Infrastructure.Hosting;
using Digest.Infrastructure.Mail;
using Digest.Infrastructure.Queueing;
using Digest.Infrastructure.Storage;
using Digest.Infrastructure.Subscribers;

namespace Digest.Cli.Hosting;

/// <summary>
/// The composition root of the embedded default: everything in one data folder, no Azure, no keys.
/// <c>&lt;data&gt;/&lt;container&gt;/…</c> holds the blobs, <c>&lt;data&gt;/queues/</c> the queues and <c>&lt;data&gt;/outbox/</c> the mail.
/// With a <see cref="StorageConnection"/>, blobs and queues are on Azure Storage instead (<see cref="AzureStorage"/>).
/// </summary>
internal sealed class EmbeddedHost : IDisposable
{
    private readonly FetchOptions? fetchOptions;
    private readonly List<HttpPageFetcher> fetchers = [];
    private readonly DataFolderLock folderLock;
    private readonly FileSystemBlobStore files;
    private readonly AzureStorage? azure;
    private readonly IMessageQueue? azureQueue;

    public EmbeddedHost(string dataDirectory, TimeProvider domainClock, IRunReporter reporter, IMailSender? mail = null,
        IBlobStore? blobs = null, QueueHostOptions? queueOptions = null, FetchOptions? fetchOptions = null,
        StorageConnection? storage = null)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(DataDirectory);
        folderLock = DataFolderLock.Acquire(DataDirectory);
        Clock = domainClock;
        Reporter = reporter;
        files = new FileSystemBlobStore(DataDirectory);
        azure = storage is null ? null : new AzureStorage(storage);
        Blobs = blobs ?? (IBlobStore?)azure?.Blobs ?? files;
        FileQueue = new FileSystemMessageQueue(Path.Combine(DataDirectory, "queues"), TimeProvider.System, reporter.Warning);
        QueueOptions = queueOptions ?? HostSettings.LoadOrDefault(Path.Combine(AppContext.BaseDirectory, "host.json"));
        Mail = mail ?? new EmlOutboxMailSender(OutboxDirectory);
        this.fetchOptions = fetchOptions;
        azureQueue = azure?.CreateQueue(QueueOptions);
        Extractor = new ArticleExtractor();
        Stories = new StoryTracker(Blobs, domainClock, reporter: reporter);
        Differ = new CoverageDiffer();
        Summarizer = new Summarizer();
    }

    public string DataDirectory { get; }
    public string OutboxDirectory => Path.Combine(DataDirectory, "outbox");
    public TimeProvider Clock { get; }
    public IRunReporter Reporter { get; }
    public IBlobStore Blobs { get; }
    /// <remarks>On Azure Storage, <see cref="FileQueue"/> stays the data folder's (empty) queue, so recovering its in-flight
    /// messages is a no-op: the shared Azure queue is not covered by this folder's lock, and its messages come back when
    /// their lease expires, as on the Functions host.</remarks>
    public IMessageQueue Queue => azureQueue ?? FileQueue;
    public FileSystemMessageQueue FileQueue { get; }
    public QueueHostOptions QueueOptions { get; }
    public IMailSender Mail { get; }
    public IArticleExtractor Extractor { get; }
    public IStoryTracker Stories { get; }
    public ICoverageDiffer Differ { get; }
    public ISummarizer Summarizer { get; }

    /// <summary>
    /// The feed and page stages for <paramref name="sources"/>, sharing one fetcher (so its per-host limits hold across
    /// both): the hosts of its http(s) sources, and the hosts and networks the sources file allows, may be internal
    /// (<see cref="FetchOptions.ForSources"/>) unless the host was given explicit fetch options; links from feeds and
    /// pages get the fetcher's full address policy. (Which file: URLs may be read is the stages' decision:
    /// <see cref="FetchRequest.AllowFile"/>.)
    /// </summary>
    public (FeedHandler Feeds, PageHandler Pages) CreateFetchStages(SourcesConfig sources, IRunReporter feedReporter, IRunReporter pageReporter)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var fetcher = NewFetcher(fetchOptions ?? FetchOptionsFor(sources));
        return (new FeedHandler(fetcher, Blobs, Queue, sources, Clock, feedReporter),
            new PageHandler(fetcher, Extractor, Blobs, Queue, sources, Clock, pageReporter, IsStorageFailure));
    }

    public static FetchOptions FetchOptionsFor(SourcesConfig sources) => FetchOptions.ForSourcesFile(sources);

    private HttpPageFetcher NewFetcher(FetchOptions options)
    {
        var fetcher = new HttpPageFetcher(options, TimeProvider.System);
        fetchers.Add(fetcher);
        return fetcher;
    }

    public ProcessHandler CreateProcessHandler(IRunReporter reporter)
        => new(Blobs, CreateFold(reporter), reporter);

    /// <summary>
    /// True when blobs and queues are in this data folder, which this process has locked: then whatever is left in
    /// flight (messages, a fold lease) was left by a run that died. Shared Azure storage may have other live users.
    /// </summary>
    public bool OwnsStorage => azure is null;

    /// <summary>The fold's lease runs on the real clock: it must expire in real time even when the domain clock is pinned.</summary>
    public StoryFold CreateFold(IRunReporter reporter)
        => new(Blobs, Differ, Summarizer, reporter, TimeProvider.System);

    public BriefHandler CreateBriefHandler(IRunReporter reporter)
        => new(Blobs, Stories, new BriefingComposer(Summarizer), Mail, reporter);

    /// <summary>
    /// Where the links in mail point: <c>Digest__PublicBaseUrl</c> (the HTTP API) and <c>Digest__SiteBaseUrl</c> (the
    /// archive site) from the environment, as the app reads them; by default <c>digest serve</c>'s address on this machine.
    /// </summary>
    public const string PublicBaseUrlVariable = "Digest__PublicBaseUrl";

    public const string SiteBaseUrlVariable = "Digest__SiteBaseUrl";

    /// <summary>
    /// The subscriber store and the local-morning sender, under the token-signing key (<see cref="TokenSigningKey"/>: the
    /// environment's, else the data folder's own; a storage account needs the app's key, else this throws).
    /// </summary>
    public (SubscriberStore Store, SubscriberBriefings Briefings) CreateSubscribers(IRunReporter reporter)
    {
        var key = TokenSigningKey.Resolve(Environment.GetEnvironmentVariable(TokenSigningKey.Variable), TokenSigningKey.Variable,
            DataDirectory, sharedStorage: azure is not null);
        var store = new SubscriberStore(Blobs, key, reporter);
        var api = BaseUrl(PublicBaseUrlVariable,
            new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Commands.ServeCommand.DefaultPort}/")));
        var links = new SubscriptionLinks(api, BaseUrl(SiteBaseUrlVariable, api), new SubscriptionToken(key));
        return (store, new SubscriberBriefings(CreateBriefHandler(reporter), store, new DeliveryLedger(Blobs, reporter, soleWriter: azure is null), Mail, links, reporter));
    }

    private static Uri BaseUrl(string variable, Uri fallback)
        => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text
            ? SubscriptionSettings.TryParseBase(text, out var uri)
                ? uri
                : throw new ArgumentException($"{variable} must be an absolute http or https address without a query, fragment or user name.")
            : fallback;

    /// <summary>The local queue trigger; poison records go to the run's blob store (<c>state/poison/</c>).</summary>
    public QueueProcessor CreateQueueProcessor()
        => new(Queue, QueueOptions, TimeProvider.System, Reporter.Warning, IsStorageFailure, poisonRecords: Blobs);

    /// <summary>The data folder itself failing (a full disk, lost permissions), as opposed to one bad message.</summary>
    public static bool IsStorageFailure(Exception exception)
        => (exception is IOException or UnauthorizedAccessException && exception is not FileNotFoundException)
           || StorageFailures.IsServiceFailure(exception);

    /// <summary>Path of a blob in the data folder (its URI on Azure Storage), for telling the user where to look.</summary>
    public string PathOf(string container, string blobPath)
        => azure is null ? files.FilePathOf(container, blobPath) : azure.Blobs.UriOf(container, blobPath).AbsoluteUri;

    public void Dispose()
    {
        foreach (var fetcher in fetchers)
        {
            fetcher.Dispose();
        }

        folderLock.Dispose();
    }
}
