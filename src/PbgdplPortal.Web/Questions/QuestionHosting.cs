using Microsoft.Extensions.Options;
using PbgdplPortal.Questions;
using PbgdplPortal.Search;
using PbgdplPortal.Web.Hosting;

namespace PbgdplPortal.Web.Questions;

public static class QuestionHosting
{
    public const string Policy = "questions";
    public const string LookupRateLimit = "question-lookup";

    public static IServiceCollection AddQuestions(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Portal:Questions").Get<QuestionOptions>() ?? new QuestionOptions();
        services.AddSingleton(Options.Create(options));
        services.AddAddressLimit(LookupRateLimit, options.LookupPermitsPerMinute);
        services.AddScoped<QuestionService>();
        services.AddSingleton<ISearchSource, QuestionSearchSource>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.RequireRole(QuestionRights.Roles));
        return services;
    }

    /// <summary>The client's address as the rate limits see it (after the forwarded-headers middleware); unknown ones share one allowance.</summary>
    public static string SenderAddress(this HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public static string BaseUrl(this HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    public static void MapQuestions(this WebApplication app) => QuestionApi.Map(app);

    public static string RateLimitMessage(QuestionOptions options) =>
        $"Mỗi địa chỉ mạng chỉ gửi được {options.AskPermitsPerHour} câu hỏi trong một giờ. Vui lòng thử lại sau.";
}
