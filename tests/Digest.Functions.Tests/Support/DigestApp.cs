using Digest.Infrastructure.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Digest.Functions.Tests.Support;

/// <summary>
/// The Functions app's real composition root (<see cref="DigestServiceCollectionExtensions.AddDigest"/> as Program.cs
/// calls it), built without the Functions host, with the host's start-up validation run first; function classes are
/// created from it the way the worker creates them (constructor injection).
/// </summary>
internal sealed class DigestApp : IDisposable
{
    private readonly ServiceProvider provider;

    private DigestApp(ServiceProvider provider) => this.provider = provider;

    public IServiceProvider Services => provider;

    public static DigestApp Start(IDictionary<string, string?> settings, TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddDigest(configuration, new DigestHostOptions(RequireSharedStorage: true));
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        try
        {
            // What the host does before it starts any listener.
            provider.GetRequiredService<IStartupValidator>().Validate();
        }
        catch
        {
            provider.Dispose();
            throw;
        }

        return new DigestApp(provider);
    }

    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(provider);

    public T Get<T>() where T : notnull => provider.GetRequiredService<T>();

    public void Dispose() => provider.Dispose();
}
