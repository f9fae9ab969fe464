using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Markdown;
using PbgdplPortal.Site;

namespace PbgdplPortal.Quizzes;

public static class QuizUrls
{
    public const string Index = "/trac-nghiem-phap-luat";

    /// <summary>The address practice quizzes had when they were called "Thi trực tuyến"; it redirects permanently.</summary>
    public const string OldIndex = "/thi-truc-tuyen";

    /// <summary>What practice quizzes are called everywhere: they are practice, not an official contest (those are "Cuộc thi").</summary>
    public const string Name = "Trắc nghiệm pháp luật";

    public static string Quiz(string slug) => $"{Index}/{slug}";
}

public sealed record QuizSummary(string Slug, string Title, string? Description, int QuestionCount, string AgencyName,
    IReadOnlyList<TermLink> Topics, IReadOnlyList<TermLink> Audiences, bool IsSample)
{
    public string Url => QuizUrls.Quiz(Slug);
}

/// <summary>An option as shown before answering: its id and text, nothing about whether it is right.</summary>
public sealed record PaperOption(int Id, string Text);

public sealed record PaperQuestion(int Id, string Html, IReadOnlyList<PaperOption> Options);

/// <summary>Questions drawn for one sitting, options shuffled, answers withheld.</summary>
public sealed record QuizPaper(QuizSummary Quiz, IReadOnlyList<PaperQuestion> Questions);

public sealed record CheckedQuestion(int Id, string Html, IReadOnlyList<PaperOption> Options, int? Chosen, int Correct, string ExplanationHtml,
    IReadOnlyList<CitationView> Basis)
{
    public bool IsRight => Chosen == Correct;
}

public sealed record QuizCheck(QuizSummary Quiz, IReadOnlyList<CheckedQuestion> Questions)
{
    public int Right => Questions.Count(q => q.IsRight);
}

/// <summary>The practice quizzes page, with the filters applied.</summary>
public sealed record QuizIndexPage(IReadOnlyList<QuizSummary> Quizzes, string? Topic, string? Audience);

/// <summary>Practice quizzes: anonymous, any number of times, the answers explained after submitting.</summary>
public sealed class PracticeQuizzes(PortalDbContext db, DocumentNumberIndex directory, TimeProvider time)
{
    public const int DefaultCount = 10;
    public const int MaxCount = 50;

    private IQueryable<Quiz> Published
    {
        get
        {
            var now = time.GetUtcNow().UtcDateTime;
            return db.Quizzes.AsNoTracking().Where(q => q.Status == PublicationStatus.Published && q.PublishedAt <= now);
        }
    }

    private static IQueryable<QuizSummary> Summaries(IQueryable<Quiz> quizzes) =>
        quizzes.Select(q => new QuizSummary(q.Slug, q.Title, q.Description, q.Questions.Count, q.Agency.Name,
            q.Topics.OrderBy(t => t.Name).Select(t => new TermLink(t.Slug, t.Name, SiteUrls.Topic(t.Slug))).ToList(),
            q.Audiences.OrderBy(t => t.Name).Select(t => new TermLink(t.Slug, t.Name, SiteUrls.Audience(t.Slug))).ToList(),
            q.IsSample));

    /// <summary>Published quizzes, optionally of one topic and/or audience group, by title.</summary>
    public async Task<IReadOnlyList<QuizSummary>> ListAsync(string? topic, string? audience, CancellationToken cancellationToken = default)
    {
        var quizzes = Published;
        if (!string.IsNullOrEmpty(topic))
        {
            quizzes = quizzes.Where(q => q.Topics.Any(t => t.Slug == topic));
        }
        if (!string.IsNullOrEmpty(audience))
        {
            quizzes = quizzes.Where(q => q.Audiences.Any(t => t.Slug == audience));
        }
        return await Summaries(quizzes.OrderBy(q => q.Title)).ToListAsync(cancellationToken);
    }

    public Task<QuizSummary?> FindAsync(string slug, CancellationToken cancellationToken = default) =>
        Summaries(Published.Where(q => q.Slug == slug)).FirstOrDefaultAsync(cancellationToken);

    /// <summary><paramref name="count"/> random questions (all when fewer), options shuffled; null for an unknown quiz.</summary>
    public async Task<QuizPaper?> DrawAsync(string slug, int count, Random random, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (await FindAsync(slug, cancellationToken) is not { } quiz)
        {
            return null;
        }
        var questions = await db.QuizQuestions.AsNoTracking().Where(x => x.Quiz.Slug == slug)
            .Select(x => new { x.Id, x.Text, Options = x.Options.Select(o => new PaperOption(o.Id, o.Text)).ToList() })
            .ToListAsync(cancellationToken);
        var drawn = questions.ToArray();
        random.Shuffle(drawn);
        var directoryMap = await directory.GetAsync(db, cancellationToken);
        var paper = drawn.Take(Math.Clamp(count, 1, MaxCount)).Select(x =>
        {
            var options = x.Options.ToArray();
            random.Shuffle(options);
            return new PaperQuestion(x.Id, Render(x.Text, directoryMap), options);
        }).ToList();
        return new QuizPaper(quiz, paper);
    }

    /// <summary>
    /// Marks the answers (question id → chosen option id) for the questions asked; questions of other
    /// quizzes are ignored, unanswered ones count as wrong. Null for an unknown quiz.
    /// </summary>
    public async Task<QuizCheck?> CheckAsync(string slug, IReadOnlyList<int> asked, IReadOnlyDictionary<int, int> answers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asked);
        ArgumentNullException.ThrowIfNull(answers);
        if (await FindAsync(slug, cancellationToken) is not { } quiz)
        {
            return null;
        }
        var ids = asked.Distinct().Take(MaxCount).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await db.QuizQuestions.AsNoTracking().Where(x => x.Quiz.Slug == slug && ids.Contains(x.Id))
            .Select(x => new
            {
                x.Id,
                x.Text,
                x.Explanation,
                Options = x.Options.OrderBy(o => o.Position).Select(o => new { o.Id, o.Text, o.IsCorrect }).ToList(),
                Basis = x.Citations.OrderBy(c => c.Position)
                    // A link only to a document the public can open; otherwise its number alone.
                    .Select(c => new CitationView(c.LegalDocument.Number, c.LegalDocument.Title,
                        c.LegalDocument.Publication == PublicationStatus.Published && c.LegalDocument.PublishedAt <= now
                            && (c.LegalDocument.UnpublishAt == null || c.LegalDocument.UnpublishAt > now) ? SiteUrls.Document(c.LegalDocument.Slug) : null,
                        c.Provision, c.LegalDocument.Status))
                    .ToList(),
            })
            .ToListAsync(cancellationToken);
        var directoryMap = await directory.GetAsync(db, cancellationToken);
        var byId = rows.ToDictionary(r => r.Id);
        var checkedQuestions = ids.Where(byId.ContainsKey).Select(id =>
        {
            var x = byId[id];
            int? chosen = answers.TryGetValue(id, out var c) && x.Options.Any(o => o.Id == c) ? c : null;
            return new CheckedQuestion(x.Id, Render(x.Text, directoryMap), x.Options.Select(o => new PaperOption(o.Id, o.Text)).ToList(), chosen,
                x.Options.First(o => o.IsCorrect).Id, Render(x.Explanation, directoryMap), x.Basis);
        }).ToList();
        return new QuizCheck(quiz, checkedQuestions);
    }

    private static string Render(string markdown, IReadOnlyDictionary<string, string> documents) =>
        MarkdownRenderer.ToHtml(markdown, key => documents.TryGetValue(key, out var slug) ? SiteUrls.Document(slug) : null);
}
