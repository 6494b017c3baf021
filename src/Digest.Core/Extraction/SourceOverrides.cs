using Digest.Core.Sources;

namespace Digest.Core.Extraction;

/// <summary>Bridges the per-outlet selectors of the sources file to the extractor.</summary>
public static class SourceOverrides
{
    /// <summary>The outlet's overrides, or null when it has none (the common case: heuristics only).</summary>
    public static ExtractionOverrides? ForSource(SourceConfig source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.KeepSelectors.Count == 0 && source.DropSelectors.Count == 0
            ? null
            : new ExtractionOverrides(source.KeepSelectors, source.DropSelectors);
    }

    /// <summary>
    /// Checks every selector when the configuration is loaded, so a typo is reported once, naming the outlet and the
    /// selector, instead of failing each page of that outlet later.
    /// </summary>
    /// <exception cref="FormatException">A selector is not one of the supported forms.</exception>
    public static void Validate(SourceConfig source)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            _ = SimpleSelector.ParseAll(source.KeepSelectors);
            _ = SimpleSelector.ParseAll(source.DropSelectors);
        }
        catch (FormatException exception)
        {
            throw new FormatException($"Source '{source.Name}': {exception.Message}", exception);
        }
    }
}
