using PbgdplPortal.Quizzes;
using PbgdplPortal.Search;
using PbgdplPortal.Web.Content;

namespace PbgdplPortal.Web.Quizzes;

/// <summary>Practice quizzes: their services, search source, API and cache rule.</summary>
public static class QuizHosting
{
    public static IServiceCollection AddQuizzes(this IServiceCollection services)
    {
        services.AddScoped<PracticeQuizzes>();
        services.AddSingleton<ISearchSource, QuizSearchSource>();
        // A practice paper is drawn at random for each visitor.
        services.AddPageCacheRule(path => !(path.StartsWithSegments(QuizUrls.Index, out var rest) && rest.HasValue && rest.Value!.Length > 1));
        return services;
    }

    public static void MapQuizzes(this WebApplication app) => QuizApi.Map(app);
}
