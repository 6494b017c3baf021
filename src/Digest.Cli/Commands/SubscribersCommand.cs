using System.CommandLine;
using System.Globalization;
using Digest.Cli.Hosting;
using Digest.Core.Mail;
using Digest.Core.Safety;
using Digest.Core.Subscribers;
using Digest.Infrastructure.Azure;
using Digest.Infrastructure.FileSystem;
using Digest.Infrastructure.Hosting;
using Digest.Infrastructure.Subscribers;

namespace Digest.Cli.Commands;

/// <summary>
/// <c>digest subscribers add|list|remove</c>: the operator's view of the subscribers stored in the <c>subscribers</c>
/// container (README, "Blob layout"), on the data folder or, with <c>--storage</c>, on Azure Storage. Subscriber ids
/// are keyed hashes of the address under the token-signing key: <c>DIGEST_TOKEN_SIGNING_KEY</c> (base64, at least 32
/// bytes; the same key as the app's), else on the data folder a key made once in <c>&lt;data&gt;/keys/</c>.
/// </summary>
internal static class SubscribersCommand
{
    public const string KeyVariable = TokenSigningKey.Variable;

    /// <param name="clock">When subscriptions and removals are recorded; the system clock unless a test pins it.</param>
    public static Command Create(TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var command = new Command("subscribers", "Add, list and remove subscribers.");
        command.Subcommands.Add(Add(clock));
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove(clock));
        return command;
    }

    private static Command Add(TimeProvider clock)
    {
        var email = new Argument<string>("email") { Description = "The subscriber's address." };
        var zone = new Option<string>("--tz") { Description = "IANA time zone, e.g. Europe/Berlin.", DefaultValueFactory = _ => "UTC" };
        var hour = new Option<int>("--hour") { Description = "Local hour (0-23) the briefing is sent at.", DefaultValueFactory = _ => 7 };
        var confirmed = new Option<bool>("--confirmed") { Description = "Skip the double opt-in: the operator vouches for the address." };
        var keywords = new Option<string[]>("--keywords") { Description = "Only stories with one of these words.", AllowMultipleArgumentsPerToken = true };
        var outlets = new Option<string[]>("--outlets") { Description = "Only stories told by one of these outlets.", AllowMultipleArgumentsPerToken = true };
        var data = CommonOptions.Data();
        var storage = CommonOptions.Storage();
        var command = new Command("add", "Add a subscriber, or update one.") { email, zone, hour, confirmed, keywords, outlets, data, storage };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            if (!MailAddressParser.TryParse(parse.GetValue(email), out var address, out var error))
            {
                stderr.WriteLine($"error: '{SafeText.ForTerminal(parse.GetValue(email) ?? string.Empty)}' is not an address we can send to: {error}.");
                return 2;
            }

            var zoneId = parse.GetValue(zone)!;
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out _))
            {
                stderr.WriteLine($"error: --tz '{SafeText.ForTerminal(zoneId)}' is not a known IANA time zone (e.g. Europe/Berlin, America/New_York).");
                return 2;
            }

            if (parse.GetValue(hour) is < 0 or > 23)
            {
                stderr.WriteLine("error: --hour must be between 0 and 23.");
                return 2;
            }

            return await WithStoreAsync(parse, data, storage, async store =>
            {
                var outcome = await store.SubscribeAsync(address.Address, zoneId, parse.GetValue(hour), Words(parse.GetValue(keywords)),
                    Words(parse.GetValue(outlets)), parse.GetValue(confirmed), clock.GetUtcNow(), cancellationToken);
                var masked = SubscriberId.Masked(address.Address);
                parse.InvocationConfiguration.Output.WriteLine(outcome switch
                {
                    SubscribeOutcome.Confirmed => $"{masked}: subscribed, confirmed.",
                    SubscribeOutcome.Pending => $"{masked}: subscribed, waiting for confirmation (pass --confirmed to vouch for it).",
                    _ => $"{masked}: unsubscribed earlier; only --confirmed adds it again.",
                });
                return outcome == SubscribeOutcome.Suppressed ? 1 : 0;
            });
        });
        return command;
    }

    private static Command List()
    {
        var data = CommonOptions.Data();
        var storage = CommonOptions.Storage();
        var command = new Command("list", "List the subscribers, one a line: address, status, zone, hour, last briefing.") { data, storage };
        command.SetAction(async (parse, cancellationToken) => await WithStoreAsync(parse, data, storage, async store =>
        {
            var output = parse.InvocationConfiguration.Output;
            foreach (var subscriber in await store.ListAsync(cancellationToken))
            {
                // Each field made terminal-safe on its own: the tabs between them are ours.
                string[] fields =
                [
                    subscriber.Address, subscriber.IsConfirmed ? "confirmed" : "pending", subscriber.TimeZone,
                    subscriber.SendHour.ToString("D2", CultureInfo.InvariantCulture) + ":00",
                    subscriber.LastBriefingDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
                ];
                output.WriteLine(string.Join('\t', fields.Select(field => SafeText.ForTerminal(field))));
            }

            return 0;
        }));
        return command;
    }

    private static Command Remove(TimeProvider clock)
    {
        var email = new Argument<string>("email") { Description = "The subscriber's address." };
        var data = CommonOptions.Data();
        var storage = CommonOptions.Storage();
        var command = new Command("remove", "Remove a subscriber; the address stays suppressed (by keyed id only).") { email, data, storage };
        command.SetAction(async (parse, cancellationToken) => await WithStoreAsync(parse, data, storage, async store =>
        {
            var address = parse.GetValue(email)!.Trim();
            await store.UnsubscribeAsync(store.IdOf(address), clock.GetUtcNow(), cancellationToken);
            parse.InvocationConfiguration.Output.WriteLine($"{SafeText.ForTerminal(SubscriberId.Masked(address))}: removed.");
            return 0;
        }));
        return command;
    }

    private static IReadOnlyList<string> Words(string[]? values) =>
        values is null ? [] : [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static async Task<int> WithStoreAsync(ParseResult parse, Option<string> data, Option<string?> storage, Func<SubscriberStore, Task<int>> action)
    {
        var stderr = parse.InvocationConfiguration.Error;
        try
        {
            var connection = parse.GetValue(storage) is { } text ? StorageConnection.FromConnectionString(text, "--storage") : null;
            var directory = Path.GetFullPath(parse.GetValue(data)!);
            var key = TokenSigningKey.Resolve(Environment.GetEnvironmentVariable(KeyVariable), KeyVariable, directory, sharedStorage: connection is not null);
            var reporter = TerminalLoggerProvider.Reporter(stderr, DigestLogCategories.Subscriptions);
            using var store = DigestStorage.Open(connection, directory, new QueueHostOptions().MessageEncoding, reporter.Warning);
            return await action(new SubscriberStore(store.Blobs, key, reporter));
        }
        catch (Exception exception) when (exception is DataFolderBusyException or InvalidOperationException or ArgumentException or FormatException)
        {
            stderr.WriteLine($"error: {SafeText.ForTerminal(exception.Message)}");
            return 2;
        }
    }
}
