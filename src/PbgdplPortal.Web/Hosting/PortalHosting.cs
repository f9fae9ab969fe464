using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PbgdplPortal.Data;
using PbgdplPortal.Import;
using PbgdplPortal.Web.BackOffice;

namespace PbgdplPortal.Web.Hosting;

public static class PortalHosting
{
    /// <summary>Reads the "Portal" section, resolves its folders and registers the database.</summary>
    public static void AddPortal(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Portal").Get<PortalOptions>() ?? new PortalOptions();
        options.DataDir = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, options.DataDir));
        options.ContentDir = options.ContentDir is { Length: > 0 } dir
            ? Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, dir))
            : FindRepositoryContent(builder.Environment.ContentRootPath);
        Directory.CreateDirectory(options.DataDir);
        // Serves the theme's assets from the build output when run with `dotnet run` in any environment;
        // a published site has them under wwwroot and the call changes nothing.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddSingleton(Options.Create(options));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPortalData(options, builder.Configuration.GetConnectionString("Portal"));
        builder.Services.AddScoped<ContentImporter>();
        builder.Services.AddPortalDataProtection();
        // MVC, routing and the OpenAPI document are the host's; each feature adds its controllers, endpoints and
        // document parts (Program.cs lists the features).
        builder.Services.AddControllersWithViews().AddRazorOptions(o => o.ViewLocationExpanders.Add(new ViewFolderExpander()));
        builder.Services.AddRouting(o => o.LowercaseUrls = true);
        builder.Services.AddOpenApi(o => o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
        // A problem the API answers without a text of its own (a body that cannot be read, a wrong method…) speaks Vietnamese too.
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            // The framework's default titles are English; every title of the portal's own is Vietnamese.
            if (problem.Title is not null && !problem.Title.All(char.IsAscii))
            {
                return;
            }
            if (problem is Microsoft.AspNetCore.Http.HttpValidationProblemDetails)
            {
                problem.Title = "Dữ liệu gửi lên chưa hợp lệ";
                return;
            }
            var page = PbgdplPortal.Site.ErrorPage.For(problem.Status ?? StatusCodes.Status500InternalServerError);
            problem.Title = page.Title;
            problem.Detail ??= page.Message;
        });
        // Vietnamese letters are written as they are, not as numeric character references.
        builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/rss+xml", "image/svg+xml", "application/problem+json"]);
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
    }

    /// <summary>The repository's content/ folder, found by walking up to the solution file.</summary>
    private static string? FindRepositoryContent(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PbgdplPortal.sln")))
            {
                var content = Path.Combine(dir.FullName, "content");
                return Directory.Exists(content) ? content : null;
            }
        }
        return null;
    }

    /// <summary>Applies migrations and, on an empty database, imports the content folder.</summary>
    public static async Task InitializePortalAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<PortalOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PbgdplPortal.Startup");
        logger.LogInformation("Starting the portal: preparing the database ({Provider}, data folder {DataDir}); on a first run this also imports the sample content and builds the search index", options.Provider, options.DataDir);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole>>().EnsureRolesAsync();
        var secrets = app.Services.GetRequiredService<PbgdplPortal.Security.PortalSecrets>();
        foreach (var name in PbgdplPortal.Security.PortalSecrets.Known)
        {
            await secrets.GetAsync(name);
        }
        if (await scope.ServiceProvider.GetRequiredService<PbgdplPortal.Questions.QuestionService>().RenamePublishedAsync() is > 0 and var renamed)
        {
            logger.LogInformation("{Count} published questions now have addresses built from their moderated titles; the old ones redirect", renamed);
        }
        logger.LogInformation("Database ready ({Provider}); data folder {DataDir}", options.Provider, options.DataDir);
        if (options.ContentDir is null || await db.Articles.AnyAsync() || await db.Topics.AnyAsync())
        {
            return;
        }
        logger.LogInformation("Empty database: importing content from {ContentDir}", options.ContentDir);
        var result = await scope.ServiceProvider.GetRequiredService<ContentImporter>().ImportAsync(options.ContentDir);
        if (result.Succeeded)
        {
            logger.LogInformation("Imported {Created} items", result.Created);
        }
        else
        {
            foreach (var problem in result.Problems)
            {
                logger.LogError("Content import problem: {Problem}", problem);
            }
        }
    }

    public static void UsePortal(this WebApplication app)
    {
        app.UseForwardedHeaders((app.Configuration.GetSection("Portal:ForwardedHeaders").Get<ProxyTrust>() ?? new ProxyTrust()).ToOptions());
        app.UseResponseCompression();
        app.UseMiddleware<SecurityHeaders>();
        // The API answers its errors as problem details; the site shows its Vietnamese error pages.
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            });
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), site =>
        {
            site.UseExceptionHandler("/loi/500");
            site.UseStatusCodePagesWithReExecute("/loi/{0}");
        });
        app.Use(ServeFavicon);
        app.UseRouting();
        app.UseMiddleware<RequestBodyLimits>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOutputCache();
    }

    /// <summary>What the host serves for every feature: static assets, the controllers, the OpenAPI document and the health check.</summary>
    public static void MapPortal(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapControllers();
        app.MapOpenApi();
        app.MapHealth();
    }

    /// <summary>The theme's icon file, which browsers ask for at /favicon.ico.</summary>
    public const string FaviconAsset = "/_content/PbgdplPortal.Themes.Default/favicon.ico";

    /// <summary>How long browsers and proxies keep /favicon.ico (30 days; its address never changes).</summary>
    public const int FaviconMaxAgeSeconds = 30 * 24 * 3600;

    /// <summary>/favicon.ico is the theme's icon, kept long by browsers (the theme's static asset answers it).</summary>
    private static Task ServeFavicon(HttpContext context, Func<Task> next)
    {
        if (context.Request.Path == "/favicon.ico" && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            context.Request.Path = FaviconAsset;
            context.Response.OnStarting(() =>
            {
                if (context.Response.StatusCode == StatusCodes.Status200OK)
                {
                    context.Response.Headers.CacheControl = $"public, max-age={FaviconMaxAgeSeconds}";
                }
                return Task.CompletedTask;
            });
        }
        return next();
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    private static void MapHealth(this WebApplication app) =>
        app.MapGet("/healthz", async (PortalDbContext db, CancellationToken cancellationToken) =>
            await db.Database.CanConnectAsync(cancellationToken)
                ? Results.Text("ok")
                : Results.Problem("Không kết nối được cơ sở dữ liệu.", statusCode: StatusCodes.Status503ServiceUnavailable))
            .DisableHttpMetrics();
}
