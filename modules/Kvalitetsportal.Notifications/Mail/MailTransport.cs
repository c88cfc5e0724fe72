using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Kvalitetsportal.Notifications.Mail;

/// <summary>Delivers composed mail. Implementations send a batch over one connection where they can.</summary>
public interface IMailTransport
{
    /// <summary>Sends each message; the result holds, per message, null when it was handed over or the error.</summary>
    Task<IReadOnlyList<Exception?>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken);
}

/// <summary>Picks SMTP when Mail:Smtp:Host is set, otherwise .eml files in the data folder (development default).</summary>
public sealed class MailTransportFactory(IOptions<MailOptions> options, IConfiguration configuration)
{
    public IMailTransport Create()
    {
        var mail = options.Value;
        if (!string.IsNullOrWhiteSpace(mail.Smtp.Host))
        {
            return new SmtpMailTransport(mail.Smtp);
        }

        var folder = mail.PickupFolder is { Length: > 0 } configured
            ? configured
            : Path.Combine(configuration["Portal:DataFolderResolved"] ?? configuration["Portal:DataFolder"] ?? "App_Data", "mail");
        return new PickupFolderMailTransport(folder);
    }
}

/// <summary>MailKit over SMTP: one connection per batch.</summary>
public sealed class SmtpMailTransport(SmtpOptions options) : IMailTransport
{
    public async Task<IReadOnlyList<Exception?>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        var results = new Exception?[messages.Count];
        using var client = new SmtpClient { Timeout = Math.Max(1, options.TimeoutSeconds) * 1000 };
        try
        {
            await client.ConnectAsync(options.Host ?? "localhost", options.Port, Security(options.Security), cancellationToken);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Array.Fill(results, ex);
            return results;
        }

        for (var i = 0; i < messages.Count; i++)
        {
            if (!client.IsConnected)
            {
                // The server hung up mid-batch: the rest are tried again later.
                results[i] = new IOException("SMTP-anslutningen bröts.");
                continue;
            }

            try
            {
                await client.SendAsync(messages[i], cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                results[i] = ex;
            }
        }

        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Everything was handed over already; a failing QUIT changes nothing.
            _ = ex;
        }

        return results;
    }

    private static SecureSocketOptions Security(string value) => value.ToUpperInvariant() switch
    {
        "NONE" => SecureSocketOptions.None,
        "STARTTLS" => SecureSocketOptions.StartTls,
        "SSLONCONNECT" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };
}

/// <summary>The development default: each mail is an .eml file, so `dotnet run` needs no mail server.</summary>
public sealed class PickupFolderMailTransport(string folder) : IMailTransport
{
    public string Folder { get; } = folder;

    public async Task<IReadOnlyList<Exception?>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var results = new Exception?[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            try
            {
                var path = Path.Combine(Folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
                await messages[i].WriteToAsync(path, cancellationToken);
            }
            catch (IOException ex)
            {
                results[i] = ex;
            }
        }

        return results;
    }
}
