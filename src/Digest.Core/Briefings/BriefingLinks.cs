namespace Digest.Core.Briefings;

/// <summary>
/// The per-recipient links of a briefing mail: its web copy in the archive, and the recipient's own unsubscribe page
/// (whose button POSTs, so link scanners cannot unsubscribe anyone). Both are http(s) or left out.
/// </summary>
public sealed record BriefingLinks(Uri? WebCopy = null, Uri? Unsubscribe = null);
