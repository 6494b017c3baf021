using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Digest.Core.Mail;
using Digest.Infrastructure.Mail;
using Digest.Infrastructure.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Digest.Infrastructure.Tests.Mail;

/// <summary>The SendGrid adapter against a Kestrel server on 127.0.0.1 that checks the v3 request and answers as SendGrid does.</summary>
public sealed class SendGridMailSenderTests : IAsyncLifetime
{
    private const string ApiKey = "SG.test-key-for-the-loopback-server";

    private readonly ConcurrentQueue<int> _statuses = new();
    private readonly ConcurrentQueue<JsonDocument> _requests = new();
    private readonly ConcurrentQueue<string?> _authorizations = new();
    private LoopbackServer? _server;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync(app => app.MapPost("/v3/mail/send", async (HttpContext context) =>
        {
            _authorizations.Enqueue(context.Request.Headers.Authorization);
            _requests.Enqueue(await JsonDocument.ParseAsync(context.Request.Body));
            var status = _statuses.TryDequeue(out var next) ? next : 202;
            context.Response.StatusCode = status;
            if (status == 429)
            {
                context.Response.Headers.RetryAfter = "1";
            }

            if (status >= 400)
            {
                await context.Response.WriteAsJsonAsync(new { errors = new[] { new { message = status == 400 ? "The from email does not contain a valid address.\r\nX-Evil: 1" : "Too many requests", field = "from.email" } } });
            }
        }));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private SendGridMailSender Sender(int maxAttempts = 4) => new(new SendGridOptions(ApiKey, new Uri(_server!.BaseUri, "/"), maxAttempts), new HttpClient());

    private static MailMessage Message() => new(
        new MailAddress("briefing@digest.example", "Digest Briefing"),
        new MailAddress("reader@mail.example", "Zoë Ångström"),
        "Your morning briefing",
        "Good morning.",
        "<p>Good morning.</p>",
        "briefing-2027-02-01-abc@digest.example",
        new DateTimeOffset(2027, 2, 1, 7, 0, 0, TimeSpan.Zero),
        new MailUnsubscribe(new Uri("https://digest.example/api/unsubscribe?token=v1.a.b"), "mailto:leave@digest.example"));

    [Fact]
    public async Task A_message_goes_as_one_v3_request_with_its_headers_and_both_parts()
    {
        await Sender().SendAsync(Message());

        var request = Assert.Single(_requests).RootElement;
        Assert.Equal($"Bearer {ApiKey}", Assert.Single(_authorizations));
        Assert.Equal("briefing@digest.example", request.GetProperty("from").GetProperty("email").GetString());
        var personalization = Assert.Single(request.GetProperty("personalizations").EnumerateArray());
        Assert.Equal("reader@mail.example", Assert.Single(personalization.GetProperty("to").EnumerateArray()).GetProperty("email").GetString());
        Assert.Equal("Your morning briefing", request.GetProperty("subject").GetString());
        var content = request.GetProperty("content").EnumerateArray().Select(c => c.GetProperty("type").GetString()).ToList();
        Assert.Equal(["text/plain", "text/html"], content);
        // The package puts message headers on the personalization, where v3 accepts them per recipient.
        var headers = personalization.TryGetProperty("headers", out var own) ? own : request.GetProperty("headers");
        Assert.Equal("<briefing-2027-02-01-abc@digest.example>", headers.GetProperty("Message-ID").GetString());
        Assert.Equal("List-Unsubscribe=One-Click", headers.GetProperty("List-Unsubscribe-Post").GetString());
        Assert.Equal("<https://digest.example/api/unsubscribe?token=v1.a.b>, <mailto:leave@digest.example>", headers.GetProperty("List-Unsubscribe").GetString());
    }

    [Fact]
    public async Task Too_many_requests_and_server_errors_are_retried_honouring_retry_after()
    {
        _statuses.Enqueue(429);
        _statuses.Enqueue(500);

        await Sender().SendAsync(Message());

        Assert.Equal(3, _requests.Count);
    }

    [Fact]
    public async Task A_bad_request_is_reported_once_with_sendgrid_s_error_text_as_one_line()
    {
        _statuses.Enqueue(400);

        var error = await Assert.ThrowsAsync<SendGridDeliveryException>(() => Sender().SendAsync(Message()));

        Assert.Single(_requests);
        Assert.Equal(400, error.Status);
        Assert.False(error.IsTransient);
        Assert.Contains("The from email does not contain a valid address.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("reader@", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_errors_that_persist_end_as_a_transient_error_after_the_last_attempt()
    {
        _statuses.Enqueue(503);
        _statuses.Enqueue(503);

        var error = await Assert.ThrowsAsync<SendGridDeliveryException>(() => Sender(maxAttempts: 2).SendAsync(Message()));

        Assert.Equal(2, _requests.Count);
        Assert.True(error.IsTransient);
        Assert.Contains("after 2 attempts", error.Message, StringComparison.Ordinal);
    }

    /// <summary>One briefing to many: the same bodies with the unsubscribe token as a per-recipient substitution.</summary>
    private static MailMessage Personal(int n) => new(
        new MailAddress("briefing@digest.example", "Digest Briefing"),
        new MailAddress(string.Create(CultureInfo.InvariantCulture, $"reader{n}@mail.example")),
        "Your morning briefing",
        "Good morning. Leave: https://digest.example/api/unsubscribe?token=-tok-",
        "<p>Good morning.</p><a href=\"https://digest.example/api/unsubscribe?token=-tok-\">Unsubscribe</a>",
        string.Create(CultureInfo.InvariantCulture, $"briefing-2027-02-01-{n}@digest.example"),
        new DateTimeOffset(2027, 2, 1, 7, 0, 0, TimeSpan.Zero),
        new MailUnsubscribe(new Uri(string.Create(CultureInfo.InvariantCulture, $"https://digest.example/api/unsubscribe?token=v1.t{n}"))),
        [new("-tok-", string.Create(CultureInfo.InvariantCulture, $"v1.t{n}"))]);

    [Fact]
    public async Task A_batch_of_2500_goes_as_three_requests_of_at_most_1000_personalizations_each_with_their_own_headers()
    {
        var messages = Enumerable.Range(0, 2500).Select(Personal).ToList();

        var results = await Sender().SendBatchAsync(messages);

        Assert.All(results, r => Assert.True(r.Sent));
        Assert.Equal(messages, results.Select(r => r.Message));
        var requests = _requests.Select(r => r.RootElement).ToList();
        Assert.Equal([1000, 1000, 500], requests.Select(r => r.GetProperty("personalizations").GetArrayLength()));
        var seen = 0;
        foreach (var request in requests)
        {
            Assert.Equal("Your morning briefing", request.GetProperty("subject").GetString());
            Assert.Contains("token=-tok-", request.GetProperty("content")[1].GetProperty("value").GetString(), StringComparison.Ordinal);
            foreach (var personalization in request.GetProperty("personalizations").EnumerateArray())
            {
                var n = seen++;
                Assert.Equal($"reader{n}@mail.example", Assert.Single(personalization.GetProperty("to").EnumerateArray()).GetProperty("email").GetString());
                var headers = personalization.GetProperty("headers");
                Assert.Equal($"<briefing-2027-02-01-{n}@digest.example>", headers.GetProperty("Message-ID").GetString());
                Assert.Equal($"<https://digest.example/api/unsubscribe?token=v1.t{n}>", headers.GetProperty("List-Unsubscribe").GetString());
                Assert.Equal("List-Unsubscribe=One-Click", headers.GetProperty("List-Unsubscribe-Post").GetString());
                Assert.Equal($"v1.t{n}", personalization.GetProperty("substitutions").GetProperty("-tok-").GetString());
            }
        }

        Assert.Equal(2500, seen);
    }

    [Fact]
    public async Task A_refused_chunk_fails_only_its_own_recipients_with_sendgrid_s_error_text()
    {
        _statuses.Enqueue(202);
        _statuses.Enqueue(400);
        var messages = Enumerable.Range(0, 2500).Select(Personal).ToList();

        var results = await Sender().SendBatchAsync(messages);

        Assert.Equal(3, _requests.Count);
        Assert.All(results.Take(1000), r => Assert.True(r.Sent));
        Assert.All(results.Skip(2000), r => Assert.True(r.Sent));
        var failures = results.Skip(1000).Take(1000).Select(r => Assert.IsType<SendGridDeliveryException>(r.Error)).ToList();
        var error = Assert.Single(failures.Distinct());
        Assert.Equal(400, error.Status);
        Assert.Contains("The from email does not contain a valid address.", error.Message, StringComparison.Ordinal);
        Assert.Contains("and 999 other recipients", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("reader1000@", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task A_throttled_chunk_is_retried_alone_and_messages_with_other_bodies_go_separately()
    {
        _statuses.Enqueue(429);
        var other = Message();

        var results = await Sender().SendBatchAsync([Personal(1), other, Personal(2)]);

        Assert.All(results, r => Assert.True(r.Sent));
        var requests = _requests.Select(r => r.RootElement).ToList();
        // The first request (two personalizations) was throttled and sent again; the other message went on its own.
        Assert.Equal([2, 2, 1], requests.Select(r => r.GetProperty("personalizations").GetArrayLength()));
    }

    [Fact]
    public async Task A_message_that_fails_validation_fails_alone()
    {
        var bad = Personal(3) with { Substitutions = [new("-tok-", "<script>")] };

        var results = await Sender().SendBatchAsync([Personal(1), bad]);

        Assert.True(results[0].Sent);
        Assert.IsType<ArgumentException>(results[1].Error);
        Assert.Equal(1, Assert.Single(_requests).RootElement.GetProperty("personalizations").GetArrayLength());
    }

    [Fact]
    public void Sendgrid_chosen_without_a_key_is_one_clear_error_before_any_work()
    {
        var error = Assert.Throws<ArgumentException>(() => new SendGridMailSender(new SendGridOptions(" "), new HttpClient()));

        Assert.Contains("no API key", error.Message, StringComparison.Ordinal);
    }
}
