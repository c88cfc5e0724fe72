namespace Kvalitetsportal.Notifications.Mail;

/// <summary>Settings under "Mail". Without <c>Mail:Smtp:Host</c> mail is written as .eml files to <c>{data folder}/mail</c>.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>The sender, e.g. "Kvalitetsportalen &lt;noreply@kommun.se&gt;".</summary>
    public string From { get; set; } = "Kvalitetsportalen <noreply@kvalitetsportal.local>";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Where mail goes when no SMTP host is set; default {data folder}/mail.</summary>
    public string? PickupFolder { get; set; }
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>None, Auto (STARTTLS when offered), StartTls (required) or SslOnConnect.</summary>
    public string Security { get; set; } = "Auto";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public int TimeoutSeconds { get; set; } = 30;
}
