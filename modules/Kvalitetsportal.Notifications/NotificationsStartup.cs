using Kvalitetsportal.Data;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Navigation;
using Kvalitetsportal.Notifications.Mail;
using Kvalitetsportal.Notifications.Notices;
using Kvalitetsportal.Notifications.Outbox;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kvalitetsportal.Notifications;

/// <summary>
/// In-app notices and the user's choice of mail (<see cref="INotifier"/>), the outbox that sends
/// mail and webhooks after the commit, and the mail transport (ADR 0019).
/// </summary>
public sealed class NotificationsStartup : IFeatureStartup
{
    public const string FeatureId = "Notifications";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DatabaseWriteGate>();
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.Section));
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));

        services.AddScoped<INotifier, Notifier>();
        services.AddScoped<Kvalitetsportal.PersonalData.IPersonalDataSource, PersonalData.NoticePersonalData>();
        services.AddSingleton<IPageSectionProvider, NoticePageSections>();

        services.AddSingleton<OutboxSignal>();
        services.AddScoped<OutboxWriter>();
        services.AddSingleton<MailTransportFactory>();
        services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddScoped<WebhookSender>();
        services.AddHostedService<OutboxDispatcher>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
