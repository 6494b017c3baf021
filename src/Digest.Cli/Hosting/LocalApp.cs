using System.Globalization;
using Digest.Core.Diagnostics;
using Digest.Infrastructure.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Digest.Cli.Hosting;

/// <summary>What a CLI verb composes the app with.</summary>
/// <param name="SourcesPath">The sources file (<c>--sources</c>).</param>
/// <param name="DataDirectory">The data folder (<c>--data</c>): the embedded store, and the outbox.</param>
/// <param name="Storage">A storage connection string (<c>--storage</c>), or null for the data folder.</param>
/// <param name="Clock">The domain clock: pinned by <c>--now</c> or the sources file's defaultNow, else the real one.</param>
/// <param name="Log">Where the log lines go (standard error).</param>
/// <param name="Configure">Registrations laid over the app's (a bench's counting blob store, a test's faulty one).</param>
internal sealed record LocalAppOptions(
    string SourcesPath,
    string DataDirectory,
    string? Storage,
    TimeProvider Clock,
    TextWriter Log,
    Action<IServiceCollection>? Configure = null);

/// <summary>
/// The app as a CLI verb runs it: the one composition root (<see cref="DigestServiceCollectionExtensions.AddDigest"/>)
/// the Functions app and <c>digest serve</c> use, on the settings of <see cref="CliSettings"/>, logging to the terminal.
/// Opening checks every setting (one <see cref="OptionsValidationException"/> naming each bad one) and takes the data
/// folder's lock (<see cref="Infrastructure.FileSystem.DataFolderBusyException"/>) before any work.
/// </summary>
internal sealed class LocalApp : IDisposable
{
    private readonly ServiceProvider provider;

    private LocalApp(ServiceProvider provider)
    {
        this.provider = provider;
        Settings = provider.GetRequiredService<DigestSettings>();
        Storage = provider.GetRequiredService<DigestStorage>();
    }

    public IServiceProvider Services => provider;

    public DigestSettings Settings { get; }

    public DigestStorage Storage { get; }

    public TimeProvider Clock => provider.GetRequiredService<TimeProvider>();

    /// <summary>The outbox folder when mail goes there (the default), else null.</summary>
    public string? OutboxDirectory => Settings.Options.Mail.Kind == "outbox" ? Path.Combine(Settings.DataDirectory, "outbox") : null;

    public T Get<T>() where T : notnull => provider.GetRequiredService<T>();

    /// <summary>A reporter under one of <see cref="DigestLogCategories"/>.</summary>
    public IRunReporter Reporter(string category) => LoggerReporter.For(Get<ILoggerFactory>(), category);

    public static LocalApp Open(LocalAppOptions options, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(CliSettings.From(options.SourcesPath, options.DataDirectory, options.Storage,
                environment ?? Environment.GetEnvironmentVariable))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton(options.Clock);
        services.AddLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Information)
            .AddProvider(new TerminalLoggerProvider(options.Log)));
        services.AddDigest(configuration, new DigestHostOptions(BaseDirectory: Environment.CurrentDirectory,
            DefaultPublicBaseUrl: new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Commands.ServeCommand.DefaultPort}/")),
            SigningKeyOptional: true));
        options.Configure?.Invoke(services);

        var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return new LocalApp(provider);
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    public void Dispose() => provider.Dispose();
}
