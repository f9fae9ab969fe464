using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PbgdplPortal.Dialogues;

namespace PbgdplPortal.Web.Dialogues;

/// <summary>The "Portal:Dialogues" configuration section.</summary>
public sealed class DialogueOptions
{
    /// <summary>How often each node reads the database for questions newly shown in the sessions its viewers follow.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often an idle stream sends a comment line, so proxies keep it open.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often each node moves sessions whose start or end time has come (live, ended).</summary>
    public TimeSpan SchedulePollInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>One server-sent event: a shown question (with its number as the event id) or a change of the session's state.</summary>
public sealed record LiveEvent(string Name, int? Id, string Data);

/// <summary>A viewer's connection to a session's live stream.</summary>
public sealed class LiveSubscription : IDisposable
{
    private readonly Action<LiveSubscription> leave;

    internal LiveSubscription(int sessionId, int after, Action<LiveSubscription> leave)
    {
        SessionId = sessionId;
        Cursor = after;
        this.leave = leave;
    }

    public int SessionId { get; }

    /// <summary>The number of the last question sent to this viewer (the Last-Event-ID it resumed from, at first).</summary>
    internal int Cursor { get; set; }

    internal DialogueState? StateSent { get; set; }

    public Channel<LiveEvent> Events { get; } = Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(1000) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    public void Dispose() => leave(this);
}

/// <summary>
/// Fans the questions shown live out to this node's viewers. ONE loop per node reads the shared database every
/// <see cref="DialogueOptions.PollInterval"/> for the sessions that have viewers here, so an answer shown through any
/// node reaches every viewer; viewers never query the database themselves. Each session's shown questions are kept
/// rendered in memory while it has viewers, so a viewer who reconnects with Last-Event-ID gets exactly what it missed.
/// </summary>
public sealed class DialogueLiveFeed(IServiceScopeFactory scopes, IOptions<DialogueOptions> options, ILogger<DialogueLiveFeed> logger)
    : BackgroundService
{
    private sealed class Watched
    {
        public readonly List<LiveEvent> Items = [];
        public readonly ConcurrentDictionary<LiveSubscription, byte> Viewers = new();
        public int LastOrder;
        public DialogueState? State;
        public bool Loaded;
    }

    private readonly ConcurrentDictionary<int, Watched> sessions = new();
    private readonly ConcurrentDictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim wake = new(0);

    /// <summary>Viewers connected to this node, for the benchmark's and operators' eyes.</summary>
    public int ViewerCount => sessions.Values.Sum(s => s.Viewers.Count);

    /// <summary>
    /// The session an address names. A session's slug never changes, so a found one is remembered: a crowd of viewers
    /// arriving at once costs the database one query, not one each.
    /// </summary>
    public async Task<int?> SessionIdAsync(string slug, DialogueService dialogues, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialogues);
        if (ids.TryGetValue(slug, out var known))
        {
            return known;
        }
        var found = await dialogues.IdOfAsync(slug, cancellationToken);
        if (found is { } id && ids.Count < 100_000)
        {
            ids[slug] = id;
        }
        return found;
    }

    public LiveSubscription Subscribe(int sessionId, int after)
    {
        var subscription = new LiveSubscription(sessionId, after, Leave);
        var watched = sessions.GetOrAdd(sessionId, _ => new Watched());
        watched.Viewers.TryAdd(subscription, 0);
        lock (watched)
        {
            if (watched.Loaded)
            {
                Deliver(watched, subscription);
            }
        }
        // A first viewer of a session need not wait a whole interval for what was shown before it came.
        if (!watched.Loaded && wake.CurrentCount == 0)
        {
            wake.Release();
        }
        return subscription;
    }

    private void Leave(LiveSubscription subscription)
    {
        subscription.Events.Writer.TryComplete();
        if (sessions.TryGetValue(subscription.SessionId, out var watched))
        {
            watched.Viewers.TryRemove(subscription, out _);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not read the dialogue sessions' shown questions; retrying");
            }
            try
            {
                await wake.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        foreach (var (id, watched) in sessions)
        {
            if (watched.Viewers.IsEmpty)
            {
                sessions.TryRemove(new KeyValuePair<int, Watched>(id, watched));
            }
        }
        if (sessions.IsEmpty)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var dialogues = scope.ServiceProvider.GetRequiredService<DialogueService>();
        var states = await dialogues.StatesAsync([.. sessions.Keys], cancellationToken);
        foreach (var (id, watched) in sessions)
        {
            var fresh = await dialogues.ItemsAsync(id, watched.LastOrder, cancellationToken);
            lock (watched)
            {
                foreach (var item in fresh)
                {
                    watched.Items.Add(new LiveEvent("item", item.Order, DialogueFragments.Item(item)));
                    watched.LastOrder = item.Order;
                }
                watched.State = states.TryGetValue(id, out var state) ? state : null;
                watched.Loaded = true;
                foreach (var viewer in watched.Viewers.Keys)
                {
                    Deliver(watched, viewer);
                }
            }
        }
    }

    /// <summary>Sends the viewer what it has not had yet: newer questions, then the session's state when it changed.</summary>
    private static void Deliver(Watched watched, LiveSubscription viewer)
    {
        if (viewer.Cursor < watched.LastOrder)
        {
            // Items are in order; find the first one the viewer lacks.
            var start = watched.Items.FindIndex(e => e.Id > viewer.Cursor);
            for (var i = Math.Max(start, 0); start >= 0 && i < watched.Items.Count; i++)
            {
                viewer.Events.Writer.TryWrite(watched.Items[i]);
            }
            viewer.Cursor = watched.LastOrder;
        }
        if (watched.State is { } state && state != viewer.StateSent)
        {
            viewer.Events.Writer.TryWrite(new LiveEvent("state", null, $"{state.ToString().ToLowerInvariant()}|{DialogueLabels.Of(state)}"));
            viewer.StateSent = state;
        }
    }

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }
}
