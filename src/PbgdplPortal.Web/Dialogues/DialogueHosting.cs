using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using PbgdplPortal.Dialogues;
using PbgdplPortal.Search;

namespace PbgdplPortal.Web.Dialogues;

public static class DialogueHosting
{
    public static IServiceCollection AddDialogues(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(Options.Create(configuration.GetSection("Portal:Dialogues").Get<DialogueOptions>() ?? new DialogueOptions()));
        services.AddScoped<DialogueService>();
        services.AddSingleton<DialogueLiveFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<DialogueLiveFeed>());
        services.AddHostedService<DialogueScheduler>();
        services.AddSingleton<ISearchSource, DialogueSearchSource>();
        return services;
    }

    public static void MapDialogues(this WebApplication app)
    {
        app.MapGet("/doi-thoai/{slug}/su-kien", StreamAsync).CacheOutput(p => p.NoCache()).ExcludeFromDescription();
        DialogueApi.Map(app);
    }

    /// <summary>
    /// The live stream of a session (text/event-stream): each shown question as an "item" event whose id is its number in
    /// the session, and "state" events. A reconnecting browser sends Last-Event-ID and gets only what it missed.
    /// </summary>
    private static async Task StreamAsync(HttpContext http, string slug, DialogueService dialogues, DialogueLiveFeed feed, IOptions<DialogueOptions> options,
        CancellationToken cancellationToken)
    {
        if (await feed.SessionIdAsync(slug, dialogues, cancellationToken) is not { } sessionId)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        // A reconnecting browser says what it has (Last-Event-ID); a page says what it was rendered with (?sau=).
        var lastEventId = http.Request.Headers["Last-Event-ID"].ToString();
        if (lastEventId.Length == 0)
        {
            lastEventId = http.Request.Query["sau"].ToString();
        }
        var after = int.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var resume) ? resume : 0;
        var response = http.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        using var subscription = feed.Subscribe(sessionId, after);
        await response.WriteAsync("retry: 2000\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
        var reader = subscription.Events.Reader;
        var keepAlive = options.Value.KeepAlive;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(keepAlive);
                bool ready;
                try
                {
                    ready = await reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await response.WriteAsync(": keep-alive\n\n", cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    continue;
                }
                if (!ready)
                {
                    return;
                }
                var text = new StringBuilder();
                while (reader.TryRead(out var e))
                {
                    Format(text, e);
                }
                await response.WriteAsync(text.ToString(), cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The viewer left.
        }
    }

    private static void Format(StringBuilder text, LiveEvent e)
    {
        if (e.Id is { } id)
        {
            text.Append("id: ").Append(id.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        text.Append("event: ").Append(e.Name).Append('\n');
        foreach (var line in e.Data.Replace('\r', '\n').Split('\n'))
        {
            text.Append("data: ").Append(line).Append('\n');
        }
        text.Append('\n');
    }
}
