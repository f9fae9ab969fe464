using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PbgdplPortal.Accounts;
using PbgdplPortal.Data;
using PbgdplPortal.Editing;
using PbgdplPortal.Web.Content;
using PbgdplPortal.Web.Hosting;

namespace PbgdplPortal.Web.BackOffice;

/// <summary>The "Portal:Accounts" configuration section.</summary>
public sealed class AccountOptions
{
    /// <summary>How often a signed-in session is checked against the account's security stamp (sign-out everywhere).</summary>
    public TimeSpan SecurityStampInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed sign-ins before the account is locked.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in attempts allowed per client address per minute.</summary>
    public int SignInPermitsPerMinute { get; set; } = 20;

    /// <summary>Password-reset requests allowed per client address per minute.</summary>
    public int PasswordResetPermitsPerMinute { get; set; } = 5;

    /// <summary>
    /// The portal's public address for links in mails ("https://pbgdpl.camau.gov.vn"); when empty, the address of the request
    /// (then restrict AllowedHosts, so a forged Host header cannot put another site in the mail).
    /// </summary>
    public string? PublicAddress { get; set; }
}

public static class BackOfficeHosting
{
    public const string StaffPolicy = "staff";
    public const string ReviewerPolicy = "reviewer";
    public const string AdministratorPolicy = "administrator";
    public const string SignInRateLimit = "sign-in";
    public const string PasswordResetRateLimit = "password-reset";
    public const string CookieName = "pbgdpl.quantri";

    public static IServiceCollection AddBackOffice(this IServiceCollection services, IConfiguration configuration)
    {
        var accounts = configuration.GetSection("Portal:Accounts").Get<AccountOptions>() ?? new AccountOptions();
        services.AddSingleton(Options.Create(accounts));
        services.AddIdentity<PortalUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequiredUniqueChars = 6;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = accounts.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = accounts.LockoutDuration;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<VietnameseIdentityErrors>()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = accounts.SecurityStampInterval);
        services.ConfigureApplicationCookie(o =>
        {
            // The cookie never reaches the public site, whose pages stay cacheable for everyone.
            o.Cookie.Name = CookieName;
            o.Cookie.Path = "/quan-tri";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/quan-tri/dang-nhap";
            o.LogoutPath = "/quan-tri/dang-xuat";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        foreach (var scheme in new[] { IdentityConstants.ExternalScheme, IdentityConstants.TwoFactorUserIdScheme, IdentityConstants.TwoFactorRememberMeScheme })
        {
            services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(scheme, o =>
            {
                o.Cookie.Path = "/quan-tri";
                o.Cookie.SameSite = SameSiteMode.Strict;
            });
        }
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, p => p.RequireRole(PortalRoles.All))
            .AddPolicy(ReviewerPolicy, p => p.RequireRole(PortalRoles.Administrator, PortalRoles.Reviewer))
            .AddPolicy(AdministratorPolicy, p => p.RequireRole(PortalRoles.Administrator));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "pbgdpl.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__csrf";
        });
        // Counted in the database, so every node sees the same count (Hosting/AddressLimiting.cs).
        services.AddAddressLimit(SignInRateLimit, accounts.SignInPermitsPerMinute);
        services.AddAddressLimit(PasswordResetRateLimit, accounts.PasswordResetPermitsPerMinute);
        // Reset links are data-protection tokens; the keys are in the database, so any node accepts them.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = PasswordReset.LinkLifetime);
        services.AddScoped<AuditTrail>();
        // The back office is private.
        services.AddPageCacheRule(path => !path.StartsWithSegments("/quan-tri"));
        // The same hasher type and options (iteration count) as Identity's own, so the decoy costs what a real check costs.
        services.AddSingleton(sp => new DecoyPassword<PortalUser>(new PasswordHasher<PortalUser>(sp.GetRequiredService<IOptions<PasswordHasherOptions>>()), new PortalUser()));
        return services;
    }

    /// <summary>Creates the five roles (<see cref="PortalRoles.All"/>) when missing.</summary>
    public static async Task EnsureRolesAsync(this RoleManager<IdentityRole> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        foreach (var role in PortalRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole(role));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Cannot create role {role}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
                }
            }
        }
    }
}

/// <summary>Adds the account's agency and full name to its sign-in identity.</summary>
public sealed class PortalClaimsFactory(UserManager<PortalUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        if (user.AgencyId is { } agency)
        {
            identity.AddClaim(new Claim(ContentRights.AgencyClaim, agency.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        identity.AddClaim(new Claim(ClaimTypes.GivenName, user.FullName));
        return identity;
    }
}

/// <summary>Writes audit lines for the current request's user and address.</summary>
public sealed class AuditTrail(PortalDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    public AuditActor Actor
    {
        get
        {
            var context = http.HttpContext;
            var user = context?.User;
            return new AuditActor(user?.UserId(), user?.FindFirstValue(ClaimTypes.Name), context?.Connection.RemoteIpAddress?.ToString());
        }
    }

    /// <summary>Adds a line for the current user; saved with the caller's other changes.</summary>
    public void Add(string action, string? target, string? detail = null) => db.Audit(Actor, action, target, detail, clock.GetUtcNow().UtcDateTime);

    /// <summary>Adds a line for an explicit actor (e.g. an account that is signing in) and saves it.</summary>
    public async Task SaveAsync(AuditActor actor, string action, string? target, string? detail = null)
    {
        db.Audit(actor with { Address = actor.Address ?? http.HttpContext?.Connection.RemoteIpAddress?.ToString() }, action, target, detail, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
    }
}

/// <summary>Base of every back-office controller: signed-in staff only, CSRF-checked, never cached.</summary>
[Area("BackOffice")]
[Microsoft.AspNetCore.Authorization.Authorize(Policy = BackOfficeHosting.StaffPolicy)]
[AutoValidateAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public abstract class BackOfficeController : Controller
{
    /// <summary>
    /// Maps a workflow step's result to HTTP: done → <paramref name="done"/> for the next page and a redirect; not found → 404;
    /// refused → 400 (invalid) or 409 (conflict) with the page shown again with the reason.
    /// </summary>
    protected async Task<IActionResult> AfterStepAsync(StepResult result, string? done, string redirect, Func<StepResult, Task<IActionResult?>> showAgain)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(showAgain);
        switch (result.Outcome)
        {
            case StepOutcome.Done:
                if (done is not null)
                {
                    TempData["Message"] = done;
                }
                return Redirect(redirect);
            case StepOutcome.NotFound:
                return NotFound();
            default:
                Response.StatusCode = result.Outcome == StepOutcome.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
                return await showAgain(result) ?? NotFound();
        }
    }
}
