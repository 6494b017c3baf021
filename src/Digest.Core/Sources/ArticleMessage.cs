namespace Digest.Core.Sources;

/// <summary>
/// The queue message the fetch stage sends for each new article (queue <c>articles</c>, JSON). It carries the
/// publication time so a host that drains a batch can process it in published order without reading the articles.
/// </summary>
public sealed record ArticleMessage(string ArticleId, DateTimeOffset Published);
