using Digest.Infrastructure.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Digest.Functions.Http;

/// <summary>
/// The subscription routes; anonymous, because readers have no function key: a subscribe request only ever gets a
/// mail to the address itself, and the confirm and unsubscribe links carry their signed token as the credential.
/// A GET shows a button and changes nothing (mail scanners fetch links); the POST acts.
/// </summary>
public sealed class SubscriptionsApi(DigestApi api)
{
    [Function("Subscribe")]
    public async Task<IActionResult> SubscribeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "subscribers")] HttpRequest request, CancellationToken cancellationToken)
        => new ApiActionResult(await api.SubscribeAsync(request.Body, cancellationToken));

    [Function("ConfirmSubscription")]
    public async Task<IActionResult> ConfirmAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "subscribers/confirm")] HttpRequest request,
        CancellationToken cancellationToken)
        => new ApiActionResult(HttpMethods.IsPost(request.Method)
            ? await api.ConfirmAsync(DigestApi.TokenOf(request.Query), cancellationToken)
            : api.ConfirmPage(DigestApi.TokenOf(request.Query)));

    /// <summary>The POST is also RFC 8058's one-click unsubscribe of the briefing's List-Unsubscribe header.</summary>
    [Function("Unsubscribe")]
    public async Task<IActionResult> UnsubscribeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "subscribers/unsubscribe")] HttpRequest request,
        CancellationToken cancellationToken)
        => new ApiActionResult(HttpMethods.IsPost(request.Method)
            ? await api.UnsubscribeAsync(DigestApi.TokenOf(request.Query), cancellationToken)
            : api.UnsubscribePage(DigestApi.TokenOf(request.Query)));
}
