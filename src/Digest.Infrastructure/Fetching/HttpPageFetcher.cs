using System.Buffers;
using System.Globalization;
using System.Net;
using Digest.Core.Fetching;
using Polly;
using Polly.Retry;

namespace Digest.Infrastructure.Fetching;

/// <summary>
/// <see cref="IPageFetcher"/> for http(s) and file: URIs. Redirects are followed by hand so that each hop is checked
/// (limit, no https→http downgrade, http(s) only); the body is streamed into memory against a byte cap, so an oversized
/// or endless answer is cut off rather than buffered; transient failures are retried with exponential backoff and jitter.
/// Connections go only to public addresses unless the operator allowed more (<see cref="DestinationPolicy"/>, checked
/// at connect time); file: only when the request says it comes from the sources file, and only for regular files;
/// one fetch is bounded by <see cref="FetchOptions.TotalTimeout"/>; concurrent fetches share
/// <see cref="FetchOptions.MaxConcurrentPerHost"/> slots per host.
/// </summary>
/// <remarks>
/// Time (attempt timeouts, retry delays, the total deadline) runs on the injected <see cref="TimeProvider"/>. A
/// caller-supplied <see cref="HttpMessageHandler"/> must not follow redirects itself, gets no address checks (those
/// live in the default handler's connect callback) and is not disposed with the fetcher.
/// </remarks>
public sealed class HttpPageFetcher : IPageFetcher, IDisposable
{
    private const string AcceptHeader =
        "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, application/json;q=0.9, text/html;q=0.9, */*;q=0.8";

    private readonly FetchOptions options;
    private readonly TimeProvider clock;
    private readonly HttpClient client;
    private readonly ResiliencePipeline<AttemptOutcome> retryPipeline;
    private readonly HostGate hostGate;

    public HttpPageFetcher(FetchOptions options, TimeProvider clock, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();
        this.options = options;
        this.clock = clock;

        var ownsHandler = handler is null;
        handler ??= new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            // Decoded by ContentDecoding, so that a corrupt body can be reported with its encoding.
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.Timeout,
            // Re-resolve DNS now and then in a long-running host.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // Through a proxy the connect callback would see the proxy, not the destination, and could not check it.
            UseProxy = false,
            ConnectCallback = new GuardedConnector(new DestinationPolicy(options)).ConnectAsync,
        };
        hostGate = new HostGate(options.MaxConcurrentPerHost, options.MinDelayPerHost, clock);
        client = new HttpClient(handler, ownsHandler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", AcceptHeader);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Encoding", ContentDecoding.AcceptEncoding);
        retryPipeline = BuildRetryPipeline(options, clock);
    }

    public async Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.Uri ?? throw new FetchException("The request has no URI.");
        if (!uri.IsAbsoluteUri)
        {
            throw new FetchException($"Cannot fetch '{uri}': the URI is not absolute.");
        }

        if (uri.IsFile)
        {
            if (!request.AllowFile)
            {
                throw new FetchException($"Cannot fetch '{uri}': refused: file: links are only allowed in the sources file.");
            }

            return await FetchFileAsync(request, cancellationToken);
        }

        if (!IsHttp(uri))
        {
            throw new FetchException($"Cannot fetch '{uri}': scheme '{uri.Scheme}' is not supported (use http, https or file).");
        }

        return await FetchHttpAsync(request, cancellationToken);
    }

    public void Dispose() => client.Dispose();

    private static ResiliencePipeline<AttemptOutcome> BuildRetryPipeline(FetchOptions options, TimeProvider clock)
    {
        var builder = new ResiliencePipelineBuilder<AttemptOutcome> { TimeProvider = clock };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<AttemptOutcome>
            {
                MaxRetryAttempts = options.MaxRetries,
                ShouldHandle = arguments => ValueTask.FromResult(IsTransient(arguments.Outcome)),
                DelayGenerator = arguments => ValueTask.FromResult<TimeSpan?>(
                    RetryDelay(options, arguments.AttemptNumber, arguments.Outcome.Result?.RetryAfter, Random.Shared.NextDouble())),
            });
        }

        return builder.Build();
    }

    /// <summary>
    /// A server that says when to come back (Retry-After) is believed, up to <see cref="FetchOptions.MaxRetryAfter"/>.
    /// Otherwise exponential backoff: base × 2^retry, with ±20 % jitter so that many fetchers do not retry in step.
    /// </summary>
    internal static TimeSpan RetryDelay(FetchOptions options, int retry, TimeSpan? retryAfter, double random01)
    {
        if (retryAfter is { } serverDelay)
        {
            return serverDelay < options.MaxRetryAfter ? serverDelay : options.MaxRetryAfter;
        }

        var factor = 0.8 + (0.4 * random01);
        return TimeSpan.FromTicks((long)(options.RetryBaseDelay.Ticks * Math.Pow(2, Math.Min(retry, 20)) * factor));
    }

    private static bool IsTransient(Outcome<AttemptOutcome> outcome)
        => (outcome.Exception is HttpRequestException or AttemptTimeoutException or IOException
            && RefusalIn(outcome.Exception) is null)
           || outcome.Result is { Result: null };

    /// <summary>The policy's refusal, which reaches us wrapped in the handler's HttpRequestException.</summary>
    private static DestinationRefusedException? RefusalIn(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DestinationRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    private async Task<FetchResult> FetchHttpAsync(FetchRequest request, CancellationToken cancellationToken)
    {
        var attempts = 0;
        AttemptOutcome outcome;
        using var deadline = new CancellationTokenSource(options.TotalTimeout, clock);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            outcome = await retryPipeline.ExecuteAsync(async token =>
            {
                attempts++;
                return await AttemptAsync(request, token);
            }, bounded.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or AttemptTimeoutException
                                          && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Also an attempt that timed out just as the deadline passed: no retry is coming, the deadline is the reason.
            throw new FetchException(Format(
                $"Fetching {request.Uri} timed out: no complete answer within the total limit of {options.TotalTimeout.TotalSeconds:0.###} s ({Attempts(attempts)})."),
                exception);
        }
        catch (HttpRequestException exception) when (RefusalIn(exception) is { } refused)
        {
            throw new FetchException($"Fetching {request.Uri} refused: {refused.Message}.", refused);
        }
        catch (AttemptTimeoutException exception)
        {
            throw new FetchException(Format(
                $"Fetching {request.Uri} timed out: no complete answer within {options.Timeout.TotalSeconds:0.###} s ({Attempts(attempts)})."),
                exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw new FetchException(Format($"Fetching {request.Uri} failed: {exception.Message} ({Attempts(attempts)})."), exception);
        }

        return outcome.Result ?? throw new FetchException(Format(
            $"Fetching {request.Uri} failed: HTTP {outcome.StatusCode} {outcome.ReasonPhrase} ({Attempts(attempts)})."));
    }

    private static string Attempts(int attempts) => attempts == 1 ? "1 attempt" : Format($"{attempts} attempts");

    /// <summary>One attempt: the redirect chain and the body, within <see cref="FetchOptions.Timeout"/>.</summary>
    private async Task<AttemptOutcome> AttemptAsync(FetchRequest request, CancellationToken cancellationToken)
    {
        // Waiting for a slot at a busy host is not the server being slow: the attempt's clock starts once one is had.
        using var slot = new HostGate.HeldSlot(hostGate);
        await slot.MoveToAsync(request.Uri.IdnHost, cancellationToken);
        using var timeout = new CancellationTokenSource(options.Timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await FollowRedirectsAsync(request, slot, linked.Token);
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new AttemptTimeoutException(exception);
        }
    }

    private async Task<AttemptOutcome> FollowRedirectsAsync(FetchRequest request, HostGate.HeldSlot slot, CancellationToken cancellationToken)
    {
        var current = request.Uri;
        for (var redirects = 0; ; redirects++)
        {
            // A redirect to another host gives this host's slot back and queues at that one.
            await slot.MoveToAsync(current.IdnHost, cancellationToken);
            using var message = new HttpRequestMessage(HttpMethod.Get, current);
            if (!string.IsNullOrEmpty(request.ETag))
            {
                message.Headers.TryAddWithoutValidation("If-None-Match", request.ETag);
            }

            if (!string.IsNullOrEmpty(request.LastModified))
            {
                message.Headers.TryAddWithoutValidation("If-Modified-Since", request.LastModified);
            }

            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (IsRedirect(response.StatusCode))
            {
                current = NextHop(request.Uri, current, response, redirects);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return AttemptOutcome.Success(new FetchResult(current, true, [],
                    response.Content.Headers.ContentType?.ToString(),
                    response.Headers.ETag?.ToString() ?? request.ETag,
                    LastModifiedOf(response) ?? request.LastModified));
            }

            if (response.IsSuccessStatusCode)
            {
                var content = await ReadBodyAsync(response, current, cancellationToken);
                return AttemptOutcome.Success(new FetchResult(current, false, content,
                    response.Content.Headers.ContentType?.ToString(), response.Headers.ETag?.ToString(), LastModifiedOf(response)));
            }

            if (status is 408 or 429 or >= 500)
            {
                return AttemptOutcome.Transient(status, response.ReasonPhrase, RetryAfterOf(response));
            }

            throw new FetchException(Format($"Fetching {current} failed: HTTP {status} {response.ReasonPhrase}."));
        }
    }

    private Uri NextHop(Uri start, Uri current, HttpResponseMessage response, int redirectsSoFar)
    {
        if (redirectsSoFar >= options.MaxRedirects)
        {
            throw new FetchException(Format($"Fetching {start} failed: too many redirects (more than {options.MaxRedirects})."));
        }

        var location = response.Headers.Location
                       ?? throw new FetchException(Format($"Fetching {current} failed: HTTP {(int)response.StatusCode} without a Location header."));
        var next = location.IsAbsoluteUri ? location : new Uri(current, location);
        if (!IsHttp(next))
        {
            throw new FetchException($"Fetching {current} failed: refused redirect to non-http location {next}.");
        }

        if (current.Scheme == Uri.UriSchemeHttps && next.Scheme == Uri.UriSchemeHttp)
        {
            throw new FetchException($"Fetching {current} failed: refused redirect from https to http ({next}).");
        }

        return next;
    }

    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, Uri uri, CancellationToken cancellationToken)
    {
        var declared = response.Content.Headers.ContentLength;
        if (declared > options.MaxBytes)
        {
            throw new FetchException(Format(
                $"Fetching {uri} failed: the answer is larger than {options.MaxBytes} bytes (Content-Length {declared})."));
        }

        var encodings = response.Content.Headers.ContentEncoding;
        if (ContentDecoding.Unsupported(encodings) is { } unsupported)
        {
            throw new FetchException($"Fetching {uri} failed: unsupported Content-Encoding '{unsupported}'.");
        }

        // The cap applies to the decoded bytes, so a small compressed bomb is cut off like any oversized answer.
        await using var stream = ContentDecoding.Decode(await response.Content.ReadAsStreamAsync(cancellationToken), encodings);
        try
        {
            return await ReadCappedAsync(stream, encodings.Count == 0 ? declared : null, uri, cancellationToken);
        }
        catch (Exception exception) when (encodings.Count > 0 && ContentDecoding.IsCorruptData(exception))
        {
            throw new FetchException($"Fetching {uri} failed: the {string.Join(", ", encodings)} body is corrupt.", exception);
        }
    }

    /// <summary>Reads at most <see cref="FetchOptions.MaxBytes"/> and fails as soon as one byte more arrives.</summary>
    private async Task<byte[]> ReadCappedAsync(Stream stream, long? expectedLength, Uri uri, CancellationToken cancellationToken)
    {
        var initialCapacity = (int)Math.Min(expectedLength ?? 64 * 1024, Math.Min(options.MaxBytes, int.MaxValue));
        using var memory = new MemoryStream(initialCapacity);
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    return memory.ToArray();
                }

                if (memory.Length + read > options.MaxBytes)
                {
                    throw new FetchException(Format($"Fetching {uri} failed: the answer is larger than {options.MaxBytes} bytes."));
                }

                memory.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<FetchResult> FetchFileAsync(FetchRequest request, CancellationToken cancellationToken)
    {
        var uri = request.Uri;
        if (uri.IsUnc)
        {
            throw new FetchException($"Cannot fetch '{uri}': network file shares are not supported.");
        }

        var path = uri.LocalPath;
        if (RegularFileCheck.WhyNotRegular(path) is { } notRegular)
        {
            throw new FetchException($"Cannot fetch '{uri}': refused: {notRegular}.");
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FetchException($"Cannot fetch '{uri}': file not found.", exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new FetchException($"Cannot fetch '{uri}': {exception.Message}", exception);
        }

        await using (stream)
        {
            // Validators from size and modification time, as a static web server would make them, so a file source gets
            // the same conditional fetching as a web one.
            var length = stream.Length;
            var modified = File.GetLastWriteTimeUtc(stream.SafeFileHandle);
            var etag = "\"" + length.ToString("x", CultureInfo.InvariantCulture) + "-"
                       + modified.Ticks.ToString("x", CultureInfo.InvariantCulture) + "\"";
            var lastModified = modified.ToString("R", CultureInfo.InvariantCulture);
            var contentType = ContentTypeFromExtension(path);
            if (IsUnchanged(request, etag, modified))
            {
                return new FetchResult(uri, true, [], contentType, etag, lastModified);
            }

            if (length > options.MaxBytes)
            {
                throw new FetchException(Format($"Fetching {uri} failed: the file is larger than {options.MaxBytes} bytes ({length})."));
            }

            try
            {
                var content = await ReadCappedAsync(stream, length, uri, cancellationToken);
                return new FetchResult(uri, false, content, contentType, etag, lastModified);
            }
            catch (IOException exception)
            {
                throw new FetchException($"Cannot fetch '{uri}': {exception.Message}", exception);
            }
        }
    }

    /// <summary>HTTP's rule: If-None-Match decides when present; otherwise If-Modified-Since, to the second.</summary>
    private static bool IsUnchanged(FetchRequest request, string etag, DateTime modifiedUtc)
    {
        if (!string.IsNullOrEmpty(request.ETag))
        {
            return string.Equals(request.ETag, etag, StringComparison.Ordinal);
        }

        if (string.IsNullOrEmpty(request.LastModified)
            || !DateTimeOffset.TryParse(request.LastModified, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var since))
        {
            return false;
        }

        var modifiedSeconds = new DateTimeOffset(modifiedUtc.Ticks - (modifiedUtc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return modifiedSeconds <= since;
    }

    private static string? ContentTypeFromExtension(string path)
        => Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".XML" => "application/xml",
            ".JSON" => "application/json",
            ".HTML" or ".HTM" => "text/html",
            _ => null,
        };

    private static bool IsHttp(Uri uri) => uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps;

    private static bool IsRedirect(HttpStatusCode status)
        => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static string? LastModifiedOf(HttpResponseMessage response)
        => response.Content.Headers.TryGetValues("Last-Modified", out var values) ? values.FirstOrDefault() : null;

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        var delay = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - clock.GetUtcNow() : null);
        return delay is { } value && value < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The result of one attempt: a fetch result, or a transient HTTP status worth another try.</summary>
    private sealed record AttemptOutcome(FetchResult? Result, int StatusCode, string? ReasonPhrase, TimeSpan? RetryAfter)
    {
        public static AttemptOutcome Success(FetchResult result) => new(result, 0, null, null);

        public static AttemptOutcome Transient(int status, string? reason, TimeSpan? retryAfter) => new(null, status, reason, retryAfter);
    }

    /// <summary>An attempt ran out of time (as opposed to the caller cancelling); retried like a network error.</summary>
    private sealed class AttemptTimeoutException(Exception inner) : Exception("The attempt timed out.", inner);
}
