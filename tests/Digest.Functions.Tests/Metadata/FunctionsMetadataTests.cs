using System.Text.Json;
using Digest.Functions.Tests.Support;

namespace Digest.Functions.Tests.Metadata;

/// <summary>
/// The build is the contract check: Worker.Sdk writes <c>functions.metadata</c> from the attributes, and the Functions
/// host indexes the app from that file. Every function's trigger, queue, schedule setting, auth level and route is
/// asserted from it, so a renamed queue or a route left anonymous fails here rather than in Azure.
/// </summary>
public sealed class FunctionsMetadataTests
{
    /// <summary>name, trigger type, queue, schedule, auth level, methods, route.</summary>
    public static TheoryData<string, string, string?, string?, string?, string?, string?> Functions => new()
    {
        { "FetchFeeds", "timerTrigger", null, "%FetchSchedule%", null, null, null },
        { "ReadFeed", "queueTrigger", "feeds", null, null, null, null },
        { "ExtractPage", "queueTrigger", "pages", null, null, null, null },
        { "ProcessArticle", "queueTrigger", "articles", null, null, null, null },
        { "SendBriefings", "timerTrigger", null, "%BriefingSchedule%", null, null, null },
        { "RunBriefing", "httpTrigger", null, null, "Function", "post", "briefings/run" },
        { "ListBriefings", "httpTrigger", null, null, "Function", "get", "briefings" },
        { "GetBriefing", "httpTrigger", null, null, "Function", "get", "briefings/{date}" },
        { "GetStory", "httpTrigger", null, null, "Function", "get", "stories/{id}" },
        { "GetArticle", "httpTrigger", null, null, "Function", "get", "articles/{id}" },
        { "ListSources", "httpTrigger", null, null, "Function", "get", "sources" },
        { "Subscribe", "httpTrigger", null, null, "Anonymous", "post", "subscribers" },
        { "ConfirmSubscription", "httpTrigger", null, null, "Anonymous", "get,post", "subscribers/confirm" },
        { "Unsubscribe", "httpTrigger", null, null, "Anonymous", "get,post", "subscribers/unsubscribe" },
        { "NotFound", "httpTrigger", null, null, "Anonymous", "get,post,put,patch,delete", "{*path}" },
    };

    private static readonly Lazy<JsonElement> Metadata = new(() =>
    {
        var path = Path.Combine(RepoPaths.FunctionsOutput, "functions.metadata");
        Assert.True(File.Exists(path), $"functions.metadata not found at {path}: build src/Digest.Functions first.");
        return JsonDocument.Parse(File.ReadAllBytes(path)).RootElement.Clone();
    });

    [Theory]
    [MemberData(nameof(Functions))]
    public void Function_is_declared_as_the_contract_says(string name, string trigger, string? queue, string? schedule,
        string? authLevel, string? methods, string? route)
    {
        var function = Metadata.Value.EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);
        var binding = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("direction").GetString() == "In");

        Assert.Equal(trigger, binding.GetProperty("type").GetString());
        Assert.Equal(queue, Optional(binding, "queueName"));
        Assert.Equal(schedule, Optional(binding, "schedule"));
        Assert.Equal(authLevel, Optional(binding, "authLevel"));
        Assert.Equal(route, Optional(binding, "route"));
        Assert.Equal(methods, binding.TryGetProperty("methods", out var m) ? string.Join(',', m.EnumerateArray().Select(x => x.GetString())) : null);
        // Queue triggers use the host's own storage connection: the app has one storage account.
        Assert.Null(Optional(binding, "connection"));
    }

    [Fact]
    public void The_app_has_exactly_the_functions_of_the_contract()
    {
        var names = Metadata.Value.EnumerateArray().Select(f => f.GetProperty("name").GetString()).Order(StringComparer.Ordinal);
        var expected = Functions.Select(row => (string)row[0]).Order(StringComparer.Ordinal);
        Assert.Equal(expected, names);
    }

    [Fact]
    public void Host_json_in_the_app_output_is_the_repository_root_one()
    {
        Assert.Equal(File.ReadAllText(RepoPaths.HostJson), File.ReadAllText(Path.Combine(RepoPaths.FunctionsOutput, "host.json")));
    }

    private static string? Optional(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) ? value.GetString() : null;
}
