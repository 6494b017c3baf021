namespace Digest.Core.Sources;

/// <summary>Sources by id, so a queue message can name its source by id alone.</summary>
internal static class SourceLookup
{
    public static Dictionary<string, SourceConfig> ById(SourcesConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var byId = new Dictionary<string, SourceConfig>(StringComparer.Ordinal);
        foreach (var source in config.Sources)
        {
            // The sources file refuses two sources with one id; in code the first one wins, as it would have been read first.
            byId.TryAdd(Feeds.ItemIdentity.SourceId(source.Name, source.Url), source);
        }

        return byId;
    }
}
