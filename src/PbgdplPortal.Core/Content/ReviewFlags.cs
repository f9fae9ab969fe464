using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Data;

namespace PbgdplPortal.Content;

/// <summary>An open flag as the review queue shows it: the item, where it is used, and why it needs review.</summary>
/// <param name="Context">Where the item is used: the quiz and the contests drawing on it, the dialogue an answer was given in.</param>
/// <param name="OwnerId">The article, quiz or question to open in the back office.</param>
public sealed record ReviewQueueRow(int FlagId, ReviewItemType ItemType, int ItemId, int OwnerId, string ItemTitle, string? Context,
    int? AgencyId, string? AgencyName, string Reason, DateOnly EffectiveOn, DateTime FlaggedAt);

/// <summary>Each agency's open legal-basis flags, oldest change first.</summary>
public static class ReviewFlags
{
    /// <summary>Open flags of <paramref name="agencyScope"/> (null: every agency), at most <paramref name="limit"/>.</summary>
    public static async Task<List<ReviewQueueRow>> OpenAsync(PortalDbContext db, int? agencyScope, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var flags = await Open(db, agencyScope).OrderBy(f => f.EffectiveOn).ThenBy(f => f.Id).Take(limit)
            .Select(f => new { f.Id, f.ItemType, f.ItemId, f.AgencyId, f.Reason, f.EffectiveOn, f.FlaggedAt })
            .ToListAsync(cancellationToken);
        List<int> Ids(ReviewItemType type) => [.. flags.Where(f => f.ItemType == type).Select(f => f.ItemId).Distinct()];
        var articleIds = Ids(ReviewItemType.Article);
        var articles = (await db.Articles.AsNoTracking().Where(a => articleIds.Contains(a.Id)).Select(a => new { a.Id, a.Title }).ToListAsync(cancellationToken))
            .ToDictionary(a => a.Id, a => (Owner: a.Id, a.Title, Context: (string?)null));
        var questionIds = Ids(ReviewItemType.QuizQuestion);
        var questions = await db.QuizQuestions.AsNoTracking().Where(q => questionIds.Contains(q.Id))
            .Select(q => new { q.Id, q.QuizId, q.Key, Quiz = q.Quiz.Title })
            .ToListAsync(cancellationToken);
        var quizIds = questions.Select(q => q.QuizId).Distinct().ToList();
        var contestsByQuiz = (await db.ContestRounds.AsNoTracking().Where(r => quizIds.Contains(r.QuizId)).Select(r => new { r.QuizId, r.Contest.Title })
            .ToListAsync(cancellationToken)).ToLookup(r => r.QuizId, r => r.Title);
        var answerIds = Ids(ReviewItemType.Answer);
        var answers = (await db.Questions.AsNoTracking().Where(q => answerIds.Contains(q.Id))
                .Select(q => new { q.Id, q.Title, Session = q.DialogueSession == null ? null : q.DialogueSession.Title })
                .ToListAsync(cancellationToken))
            .ToDictionary(q => q.Id, q => (Owner: q.Id, q.Title, Context: q.Session is null ? null : "Đối thoại: " + q.Session));
        var items = new Dictionary<(ReviewItemType, int), (int Owner, string Title, string? Context)>();
        foreach (var (id, a) in articles)
        {
            items[(ReviewItemType.Article, id)] = a;
        }
        foreach (var q in questions)
        {
            var used = contestsByQuiz[q.QuizId].Distinct().ToList();
            var contests = used.Count == 0 ? "" : $"; dùng trong cuộc thi: {string.Join(", ", used)}";
            items[(ReviewItemType.QuizQuestion, q.Id)] = (q.QuizId, $"Câu hỏi {q.Key}", $"Bộ câu hỏi: {q.Quiz}{contests}");
        }
        foreach (var (id, a) in answers)
        {
            items[(ReviewItemType.Answer, id)] = a;
        }
        var agencyIds = flags.Where(f => f.AgencyId != null).Select(f => f.AgencyId!.Value).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        return [.. flags.Where(f => items.ContainsKey((f.ItemType, f.ItemId))).Select(f =>
        {
            var item = items[(f.ItemType, f.ItemId)];
            return new ReviewQueueRow(f.Id, f.ItemType, f.ItemId, item.Owner, item.Title, item.Context, f.AgencyId,
                f.AgencyId is { } agency && agencies.TryGetValue(agency, out var name) ? name : null, f.Reason, f.EffectiveOn, f.FlaggedAt);
        })];
    }

    /// <summary>How many flags are open for <paramref name="agencyScope"/> (null: every agency).</summary>
    public static Task<int> CountAsync(PortalDbContext db, int? agencyScope, CancellationToken cancellationToken = default) =>
        Open(db, agencyScope).CountAsync(cancellationToken);

    private static IQueryable<ReviewFlag> Open(PortalDbContext db, int? agencyScope)
    {
        ArgumentNullException.ThrowIfNull(db);
        var open = db.ReviewFlags.AsNoTracking().Where(f => f.ClearedAt == null);
        return agencyScope is { } agency ? open.Where(f => f.AgencyId == agency) : open;
    }
}
