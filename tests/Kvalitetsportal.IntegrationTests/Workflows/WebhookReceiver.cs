using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kvalitetsportal.IntegrationTests.Workflows;

/// <summary>A webhook receiver on a loopback port that records calls and refuses the first few with 500.</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<Call> _calls = [];
    private readonly Lock _lock = new();
    private readonly int _failFirst;

    public WebhookReceiver(int failFirst)
    {
        _failFirst = failFirst;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/krok/";
        }

        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public sealed record Call(string? Signature, string Timestamp, string Body);

    public string Url { get; }

    public IReadOnlyList<Call> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var call = new Call(context.Request.Headers["X-Kvalitetsportal-Signature"], context.Request.Headers["X-Kvalitetsportal-Timestamp"] ?? "", await reader.ReadToEndAsync());
            int count;
            lock (_lock)
            {
                _calls.Add(call);
                count = _calls.Count;
            }

            context.Response.StatusCode = count <= _failFirst ? 500 : 204;
            context.Response.Close();
        }
    }
}
