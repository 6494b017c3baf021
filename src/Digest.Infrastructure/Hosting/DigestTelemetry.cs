using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Digest.Infrastructure.Hosting;

/// <summary>
/// The app's traces and metrics, under one name (<see cref="Name"/>) that a host's OpenTelemetry set-up subscribes to:
/// one span per trigger invocation and a counter of invocations by stage and outcome. The BCL types only: exporting is
/// the host's choice.
/// </summary>
public static class DigestTelemetry
{
    public const string Name = "Digest";

    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    /// <summary><c>digest.invocations</c> with tags <c>stage</c> and <c>outcome</c> (<c>ok</c>, <c>failed</c>).</summary>
    public static Counter<long> Invocations { get; } = Meter.CreateCounter<long>("digest.invocations", description: "Trigger invocations by stage and outcome.");

    /// <summary>Runs one invocation of <paramref name="stage"/> in its span, counting its outcome.</summary>
    public static async Task<T> TraceAsync<T>(string stage, Func<Task<T>> invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        using var activity = Source.StartActivity(stage);
        try
        {
            var result = await invocation();
            Invocations.Add(1, new KeyValuePair<string, object?>("stage", stage), new KeyValuePair<string, object?>("outcome", "ok"));
            return result;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The type only: messages quote feeds and pages, which belong in logs (escaped), not in span status.
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            Invocations.Add(1, new KeyValuePair<string, object?>("stage", stage), new KeyValuePair<string, object?>("outcome", "failed"));
            throw;
        }
    }
}
