using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;
using netDumbster.smtp;

namespace Kvalitetsportal.Testing;

/// <summary>
/// A real SMTP server in the test process (netDumbster) on a loopback port that stays the same
/// when it is stopped and started again, so a test can take the mail server down and bring it back.
/// Received mail is parsed with MimeKit, so subjects and bodies are decoded (å, ä, ö).
/// </summary>
public sealed class TestSmtpServer : IDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private readonly Lock _lock = new();
    private SimpleSmtpServer? _server;

    private TestSmtpServer(int port)
    {
        Port = port;
    }

    public int Port { get; }

    public bool IsRunning => _server is not null;

    public IReadOnlyList<MimeMessage> Messages => [.. _received];

    /// <summary>A server listening on a free port.</summary>
    public static TestSmtpServer StartNew()
    {
        var server = new TestSmtpServer(FreePort());
        server.Start();
        return server;
    }

    /// <summary>A free port with no server on it yet: mail sent there fails until <see cref="Start"/>.</summary>
    public static TestSmtpServer Down() => new(FreePort());

    public void Start()
    {
        lock (_lock)
        {
            if (_server is not null)
            {
                return;
            }

            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (true)
            {
                try
                {
                    _server = Configuration.Configure().WithAddress(IPAddress.Loopback).WithPort(Port).Build();
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(100); // the port may linger for a moment after Stop
                }
            }

            _server.MessageReceived += (_, e) =>
            {
                using var stream = new MemoryStream(Encoding.UTF8.GetBytes(e.Message.Data));
                _received.Enqueue(MimeMessage.Load(stream));
            };
        }
    }

    public void Stop()
    {
        lock (_lock)
        {
            _server?.Stop();
            _server?.Dispose();
            _server = null;
        }
    }

    /// <summary>Waits until a received mail matches, or fails with what did arrive.</summary>
    public async Task<MimeMessage> WaitForAsync(Func<MimeMessage, bool> match, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_received.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Inget e-postmeddelande ({what}) kom inom {timeout.TotalSeconds} s. Mottagna: " +
            string.Join(" | ", _received.Select(m => $"{m.To} \"{m.Subject}\"")));
    }

    public static string AddressOf(MimeMessage message) => message.To.Mailboxes.First().Address;

    public void Dispose() => Stop();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
