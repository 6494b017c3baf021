namespace Digest.Core.Sources;

/// <summary>
/// The message the fetch timer sends for each source (queue <c>feeds</c>, JSON <c>{"sourceId": "…"}</c>). Only the id:
/// the feed stage looks the source up in the sources file it was started with, so a message can never name a URL or a
/// policy the operator did not write.
/// </summary>
public sealed record FeedMessage(string SourceId);
