using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace PbgdplPortal.Web.Hosting;

/// <summary>An upload route's own cap on the request body, in place of <see cref="PortalOptions.MaxRequestBodyBytes"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public abstract class UploadLimitAttribute : Attribute
{
    public abstract long Limit(HttpContext context);
}

/// <summary>
/// Gives every request its body limit (the route's <see cref="UploadLimitAttribute"/>, else
/// <see cref="PortalOptions.MaxRequestBodyBytes"/>) before anything reads the body, and answers a request that announces
/// a larger body with 413 at once, without reading a byte of it: the Vietnamese error page, or problem details under
/// /api. The connection is closed after the answer, so the server does not drain the announced body either.
/// </summary>
internal sealed partial class RequestBodyLimits(RequestDelegate next, IOptions<PortalOptions> options, IProblemDetailsService problems,
    ILogger<RequestBodyLimits> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.GetEndpoint()?.Metadata.GetMetadata<UploadLimitAttribute>() is { } upload)
        {
            limit = upload.Limit(context);
            // The form reader's own multipart limit follows the route's, and a form carries few fields.
            context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions { MultipartBodyLengthLimit = limit, ValueCountLimit = 100 }));
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
        return context.Request.ContentLength > limit ? RefuseAsync(context, limit) : next(context);
    }

    private async Task RefuseAsync(HttpContext context, long limit)
    {
        LogRefused(logger, context.Request.Method, context.Request.Path, context.Request.ContentLength ?? 0, limit);
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        context.Response.Headers.Connection = "close";
        // The error page is rendered for a request without a body, so nothing on its way (MVC reads a form it is given) waits for one.
        context.Request.Body = Stream.Null;
        context.Request.ContentLength = 0;
        context.Request.ContentType = null;
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = PbgdplPortal.Site.ErrorPage.For(StatusCodes.Status413PayloadTooLarge).Title,
                    Detail = $"Yêu cầu gửi lên tối đa {Megabytes(limit)} MB.",
                },
            });
        }
        // Elsewhere the status code pages show the Vietnamese error page.
    }

    public static string Megabytes(long bytes) => (bytes / 1_000_000d).ToString("0.#", CultureInfo.GetCultureInfo("vi-VN"));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path}: the announced body of {Length} bytes is over the limit of {Limit} bytes")]
    private static partial void LogRefused(ILogger logger, string method, PathString path, long length, long limit);
}
