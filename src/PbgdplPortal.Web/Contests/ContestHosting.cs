using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using PbgdplPortal.Contests;
using PbgdplPortal.Web.Hosting;

namespace PbgdplPortal.Web.Contests;

public static class ContestHosting
{
    /// <summary>The entrants' sign-in on the web: a cookie that only travels under /cuoc-thi.</summary>
    public const string CookieScheme = "entrant";

    /// <summary>The entrants' sign-in on the API: bearer tokens protected by the shared data protection keys.</summary>
    public const string BearerScheme = "entrant-bearer";

    public const string WebPolicy = "entrant-web";
    public const string ApiPolicy = "entrant-api";
    public const string RegisterRateLimit = "entrant-register";
    public const string SignInRateLimit = "entrant-sign-in";
    public const string EntrantClaim = "pbgdpl:entrant";
    public const string CookieName = "pbgdpl.thisinh";

    public static IServiceCollection AddContests(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Portal:Contests").Get<ContestOptions>() ?? new ContestOptions();
        services.AddSingleton(Options.Create(options));
        services.AddMemoryCache();
        services.AddScoped<ContestService>();
        services.AddScoped<ContestMonitoring>();
        services.AddScoped<EntrantAccounts>();
        services.AddAuthentication()
            .AddCookie(CookieScheme, o =>
            {
                // Never "/": the rest of the public site stays cookie-free and cacheable.
                o.Cookie.Name = CookieName;
                o.Cookie.Path = ContestUrls.Index;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = ContestUrls.SignIn;
                o.LogoutPath = ContestUrls.SignOut;
                o.AccessDeniedPath = ContestUrls.SignIn;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = async context =>
                {
                    // An erased account signs out everywhere.
                    var service = context.HttpContext.RequestServices.GetRequiredService<EntrantAccounts>();
                    if (context.Principal?.EntrantId() is not { } id || !await service.IsActiveAsync(id, context.HttpContext.RequestAborted))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieScheme);
                    }
                };
            })
            .AddBearerToken(BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(8));
        services.AddAuthorizationBuilder()
            .AddPolicy(WebPolicy, p => p.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser().RequireClaim(EntrantClaim))
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(BearerScheme).RequireAuthenticatedUser().RequireClaim(EntrantClaim));
        // Counted in the database, so every node sees the same count (Hosting/AddressLimiting.cs).
        services.AddAddressLimit(RegisterRateLimit, options.RegistrationPermitsPerMinute);
        services.AddAddressLimit(SignInRateLimit, options.SignInPermitsPerMinute);
        services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", o => o.AddEntrantBearer());
        return services;
    }

    public static int? EntrantId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(EntrantClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The identity an entrant signs in with: the id only, no personal data.</summary>
    public static ClaimsPrincipal Principal(int entrantId, string scheme)
    {
        var id = entrantId.ToString(CultureInfo.InvariantCulture);
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "entrant:" + id), new Claim(EntrantClaim, id)], scheme));
    }

    public static void MapContests(this WebApplication app) => ContestApi.Map(app);
}
