using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using PbgdplPortal.Security;

namespace PbgdplPortal.Web.Hosting;

/// <summary>
/// Enforces the per-address limits (<see cref="AddressLimiter"/>, counted in the shared database, so N nodes together
/// allow the configured number, not N times it) on form posts and API endpoints.
/// </summary>
public static class AddressLimiting
{
    /// <summary>Registers a limit under its name, to be named by <see cref="LimitPerAddressAttribute"/> or <see cref="RequireAddressLimit"/>.</summary>
    public static IServiceCollection AddAddressLimit(this IServiceCollection services, string name, int permitsPerMinute) =>
        services.Configure<AddressLimitOptions>(o => o.Limits[name] = new AddressLimit(name, permitsPerMinute, TimeSpan.FromMinutes(1)));

    /// <summary>Refuses the endpoint's requests past the limit with 429 problem details.</summary>
    public static TBuilder RequireAddressLimit<TBuilder>(this TBuilder builder, string name) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            await TakeAsync(context.HttpContext, name) is { } limit
                ? Results.Problem(AddressLimiter.Message(limit), statusCode: StatusCodes.Status429TooManyRequests, title: "Quá nhiều yêu cầu")
                : await next(context));

    /// <summary>Counts the request; the limit when it is exceeded, null when the request may go on.</summary>
    internal static async Task<AddressLimit?> TakeAsync(HttpContext context, string name)
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<AddressLimitOptions>>().Value.Limits[name];
        var limiter = context.RequestServices.GetRequiredService<AddressLimiter>();
        return await limiter.TryTakeAsync(limit, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted) ? null : limit;
    }
}

/// <summary>
/// Refuses a form post past the named per-address limit with 429 (the Vietnamese error page). It runs among the
/// authorization filters, before the antiforgery check, so every attempt counts.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class LimitPerAddressAttribute(string name) : Attribute, IAsyncAuthorizationFilter
{
    public string Name { get; } = name;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await AddressLimiting.TakeAsync(context.HttpContext, Name) is not null)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status429TooManyRequests);
        }
    }
}
