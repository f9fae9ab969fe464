using Microsoft.Extensions.Options;

namespace PbgdplPortal.Web.Mail;

/// <summary>The mail sender: the outbox delivered over SMTP.</summary>
public static class MailHosting
{
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(Options.Create(configuration.GetSection("Portal:Mail").Get<MailOptions>() ?? new MailOptions()));
        services.AddSingleton<MailSender>();
        services.AddHostedService(sp => sp.GetRequiredService<MailSender>());
        return services;
    }
}
