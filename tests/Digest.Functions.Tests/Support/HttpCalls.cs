using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;

namespace Digest.Functions.Tests.Support;

/// <summary>Requests for HTTP functions, and their results executed onto a response as the worker's ASP.NET Core integration does.</summary>
internal static class HttpCalls
{
    public static HttpRequest Request(string method, string? body = null, string? query = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.QueryString = query is null ? QueryString.Empty : new QueryString(query);
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body ?? ""));
        return context.Request;
    }

    public static async Task<HttpAnswer> ExecuteAsync(IActionResult result)
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        var text = Encoding.UTF8.GetString(body.ToArray());
        return new HttpAnswer(context.Response.StatusCode, context.Response.ContentType ?? "", text, context.Response.Headers);
    }
}

internal sealed record HttpAnswer(int Status, string ContentType, string Text, IHeaderDictionary? Headers = null)
{
    public JsonElement Json => JsonDocument.Parse(Text).RootElement;
}
