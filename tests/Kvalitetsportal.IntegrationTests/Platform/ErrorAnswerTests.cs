using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kvalitetsportal.Idesluss;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace Kvalitetsportal.IntegrationTests.Platform;

/// <summary>
/// The portal on a real socket (Kestrel, as in production) in Development, where the framework
/// throws on bad input, with every log event it writes collected.
/// </summary>
public sealed class LoggedPortal : PortalFactory
{
    public ConcurrentQueue<LogEvent> Events { get; } = new();

    protected override bool UseRealServer => true;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Users:SignInAttemptsPerMinute"] = "1000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
        builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(new Collector(Events)));
    }

    private sealed class Collector(ConcurrentQueue<LogEvent> events) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);
    }
}

/// <summary>Finding 7: bad input gets the right 4xx, /api answers problem JSON and is never cached.</summary>
public sealed partial class ErrorAnswerTests(LoggedPortal portal) : IClassFixture<LoggedPortal>
{
    private async Task<PortalClient> EmployeeAsync()
    {
        var client = new PortalClient(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = portal.ServerAddress });
        await client.SignInOrFailAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        return client;
    }

    [Fact]
    public async Task A_bogus_charset_is_refused_with_415_on_a_page_and_on_the_api()
    {
        var anna = await EmployeeAsync();
        var form = new StringContent("Email=a%40b.se&Password=x", Encoding.UTF8);
        form.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=bogus");
        var page = await anna.Http.PostAsync(new Uri("/konto/logga-in", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, page.StatusCode);
        Assert.Contains("lang=\"sv\"", await page.Content.ReadAsStringAsync());

        var json = new StringContent("{\"title\":\"x\"}", Encoding.UTF8);
        json.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=bogus");
        var api = await anna.Http.PostAsync(new Uri("/api/content/idea", UriKind.Relative), json);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Binding_errors_on_the_api_are_400_problem_json_never_500_even_in_development()
    {
        var anna = await EmployeeAsync();
        var token = await AntiforgeryAsync(anna);
        using var broken = new HttpRequestMessage(HttpMethod.Post, "/api/content/idea/x/workflow/transitions") { Content = new StringContent("{ inte json", Encoding.UTF8, "application/json") };
        broken.Headers.Add("RequestVerificationToken", token);
        var response = await anna.Http.SendAsync(broken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Api_failures_answer_problem_json_in_swedish_not_an_html_page()
    {
        var anna = await EmployeeAsync();
        var response = await anna.GetAsync("/api/content/idea/finns-inte");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("title").GetString()));

        var unknown = await anna.GetAsync("/api/finns-inte-alls");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Api_answers_are_never_stored_by_a_cache()
    {
        var anna = await EmployeeAsync();
        var ok = await anna.GetAsync("/api/content-types");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True(ok.Headers.CacheControl?.NoStore, ok.Headers.CacheControl?.ToString());
        var missing = await anna.GetAsync("/api/content/idea/finns-inte");
        Assert.True(missing.Headers.CacheControl?.NoStore, missing.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Submitting_an_idea_logs_no_framework_warning()
    {
        var anna = await EmployeeAsync();
        var html = await anna.GetStringAsync(IdeaUrls.Submit);
        var content = new MultipartFormDataContent
        {
            { new StringContent(FormToken().Match(html).Groups[1].Value), "FormToken" },
            { new StringContent("Idé utan varningar"), "Title" },
            { new StringContent("Köerna är långa."), "f.problem" },
            { new StringContent("Invånare"), "f.forWhom" },
            { new StringContent("Återuppringning."), "f.solution" },
            { new StringContent("Kortare väntan."), "f.benefit" },
            { new StringContent("Bemötande och service"), "f.area" },
        };
        var before = portal.Events.Count;
        var response = await anna.PostMultipartAsync(IdeaUrls.Submit, IdeaUrls.Submit, content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await Task.Delay(200);
        var correlation = $"\"{response.Headers.GetValues("X-Correlation-ID").Single()}\"";
        var warnings = portal.Events.Skip(before)
            .Where(e => e.Properties.TryGetValue("CorrelationId", out var id) && id.ToString() == correlation)
            .Where(e => e.Level >= LogEventLevel.Warning && e.Properties.TryGetValue("SourceContext", out var source) && source.ToString().Contains("Microsoft.AspNetCore", StringComparison.Ordinal))
            .Select(e => $"{e.Properties["SourceContext"]}: {e.RenderMessage()}").ToList();
        Assert.True(warnings.Count == 0, string.Join("\n", warnings));
    }

    private static async Task<string> AntiforgeryAsync(PortalClient client)
    {
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/antiforgery"));
        return doc.RootElement.GetProperty("token").GetString()!;
    }

    [GeneratedRegex("name=\"FormToken\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex FormToken();
}
