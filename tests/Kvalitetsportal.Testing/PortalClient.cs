using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kvalitetsportal.Testing;

/// <summary>An HTTP client that behaves like a browser: keeps cookies, reads antiforgery tokens from forms.</summary>
public sealed partial class PortalClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public static PortalClient Create(PortalFactory factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        var response = await PostFormAsync("/konto/logga-in", "/konto/logga-in", new() { ["Email"] = email, ["Password"] = password });
        return response;
    }

    public async Task SignInOrFailAsync(string email, string password)
    {
        var response = await SignInAsync(email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Inloggning misslyckades för {email}: {(int)response.StatusCode}");
        }
    }

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(new Uri(url, UriKind.Relative));

    public async Task<string> GetStringAsync(string url)
    {
        var response = await GetAsync(url);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Loads <paramref name="formPage"/>, takes its antiforgery token, and posts the fields to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, Dictionary<string, string> fields)
    {
        var token = await GetAntiforgeryTokenAsync(formPage);
        var values = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", token) };
        return await Http.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(values));
    }

    public async Task<HttpResponseMessage> PostMultipartAsync(string formPage, string action, MultipartFormDataContent content)
    {
        var token = await GetAntiforgeryTokenAsync(formPage);
        content.Add(new StringContent(token), "__RequestVerificationToken");
        return await Http.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    public async Task<string> GetAntiforgeryTokenAsync(string formPage)
    {
        var html = await GetStringAsync(formPage);
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"Ingen antiforgery-token på {formPage}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
