using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Kvalitetsportal.Notifications.Outbox;

/// <summary>
/// POSTs a webhook's JSON. With a secret (Workflows:WebhookSecrets:{name}) the request carries
/// X-Kvalitetsportal-Signature: sha256=HEX(HMAC-SHA256(secret, "{timestamp}.{body}")) and the
/// timestamp (Unix seconds) in X-Kvalitetsportal-Timestamp, so the receiver can check both origin
/// and freshness. Anything but a 2xx answer is a failure, retried by the outbox.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public const string ClientName = "Kvalitetsportal.Workflows.Webhooks";
    public const string SignatureHeader = "X-Kvalitetsportal-Signature";
    public const string TimestampHeader = "X-Kvalitetsportal-Timestamp";

    public static string Sign(string secret, string timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>Null when the receiver accepted it, otherwise the error.</summary>
    public async Task<Exception?> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var hook = JsonSerializer.Deserialize<WebhookPayload>(message.Payload, OutboxWriter.Json) ?? throw new JsonException("Tom webhook.");
            using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url)
            {
                Content = new StringContent(hook.Body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
            var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            request.Headers.Add("X-Kvalitetsportal-Event", hook.Event);
            request.Headers.Add("X-Kvalitetsportal-Delivery", message.Id.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(TimestampHeader, timestamp);
            if (hook.SecretName is { Length: > 0 } name)
            {
                // Never unsigned when a secret was asked for: a missing secret is an error the admin sees.
                if (!options.Value.WebhookSecrets.TryGetValue(name, out var secret) || string.IsNullOrEmpty(secret))
                {
                    return new InvalidOperationException($"Hemligheten \"{name}\" saknas i konfigurationen (Workflows:WebhookSecrets:{name}).");
                }

                request.Headers.Add(SignatureHeader, Sign(secret, timestamp, hook.Body));
            }

            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? null : new HttpRequestException($"Mottagaren svarade {(int)response.StatusCode}.", null, response.StatusCode);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException or UriFormatException)
        {
            return ex;
        }
    }
}
