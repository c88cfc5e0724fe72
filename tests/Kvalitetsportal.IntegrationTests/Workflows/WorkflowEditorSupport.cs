using System.Net;
using System.Text.RegularExpressions;
using Kvalitetsportal.Data;
using Kvalitetsportal.IntegrationTests.Contents;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Workflows;

/// <summary>
/// A portal with the "Förbättringsförslag" type and a "Bedömare" role. Sign-in is not rate
/// limited; every test works on its own type so that tests in the class do not meet.
/// </summary>
public sealed class WorkflowEditorPortal : PortalFactory
{
    public const string AssessorRole = "Bedömare";

    private readonly SemaphoreSlim _arrange = new(1, 1);
    private bool _arranged;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Users:SignInAttemptsPerMinute"] = "1000",
    };

    public async Task ArrangeAsync()
    {
        await _arrange.WaitAsync();
        try
        {
            if (!_arranged)
            {
                await UsersArrange.CreateRoleAsync(this, AssessorRole);
                _arranged = true;
            }
        }
        finally
        {
            _arrange.Release();
        }
    }

    /// <summary>A fresh "Förbättringsförslag"-shaped type under its own technical name.</summary>
    public async Task<string> TypeAsync(string name)
    {
        await ArrangeAsync();
        await ContentsArrange.SaveTypeAsync(this, ContentsArrange.Suggestion(name));
        return name;
    }

    public async Task<PortalClient> AdminAsync()
    {
        var client = PortalClient.Create(this);
        await client.SignInOrFailAsync(AdminEmail, AdminPassword);
        return client;
    }

    public async Task<IReadOnlyList<WorkflowDefinitionRecord>> HistoryAsync(string type)
    {
        await using var scope = CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IWorkflowDefinitionStore>().GetHistoryAsync(type);
    }

    public async Task<WorkflowDefinition?> VersionAsync(string type, int version)
    {
        await using var scope = CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IWorkflowDefinitionStore>().GetVersionAsync(type, version);
    }

    public async Task<T> QueryAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        await using var scope = CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }
}

/// <summary>Reads a form off a page the way a browser would submit it: inputs, checked boxes, selected options, text areas.</summary>
internal static partial class HtmlForm
{
    public static List<(string Name, string Value)> Read(string html, string formId)
    {
        var start = html.IndexOf($"id=\"{formId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"Inget formulär {formId} på sidan");
        var end = html.IndexOf("</form>", start, StringComparison.Ordinal);
        var form = html[start..end];
        var fields = new List<(int At, string Name, string Value)>();
        foreach (Match input in InputTag().Matches(form))
        {
            var attributes = Attributes(input.Value);
            var type = attributes.GetValueOrDefault("type", "text");
            if (!attributes.TryGetValue("name", out var name) || type is "submit" or "button" or "file" || (type is "checkbox" or "radio" && !attributes.ContainsKey("checked")))
            {
                continue;
            }

            fields.Add((input.Index, name, attributes.GetValueOrDefault("value", "")));
        }

        foreach (Match area in TextAreaTag().Matches(form))
        {
            var attributes = Attributes(area.Groups[1].Value);
            var text = WebUtility.HtmlDecode(area.Groups[2].Value);
            fields.Add((area.Index, attributes["name"], text.StartsWith('\n') ? text[1..] : text));
        }

        foreach (Match select in SelectTag().Matches(form))
        {
            var attributes = Attributes(select.Groups[1].Value);
            var options = OptionTag().Matches(select.Groups[2].Value).Select(o => Attributes(o.Value)).ToList();
            var chosen = options.FirstOrDefault(o => o.ContainsKey("selected")) ?? options.FirstOrDefault();
            fields.Add((select.Index, attributes["name"], chosen?.GetValueOrDefault("value", "") ?? ""));
        }

        return [.. fields.OrderBy(f => f.At).Select(f => (f.Name, f.Value))];
    }

    /// <summary>The fields with <paramref name="name"/>'s value replaced (or added).</summary>
    public static List<(string Name, string Value)> With(this List<(string Name, string Value)> fields, string name, string value)
    {
        var copy = fields.Where(f => f.Name != name).ToList();
        var at = fields.FindIndex(f => f.Name == name);
        copy.Insert(at < 0 ? copy.Count : at, (name, value));
        return copy;
    }

    /// <summary>The checkbox list <paramref name="name"/> set to exactly <paramref name="values"/>.</summary>
    public static List<(string Name, string Value)> WithList(this List<(string Name, string Value)> fields, string name, params string[] values) =>
        [.. fields.Where(f => f.Name != name), .. values.Select(v => (name, v))];

    public static string Value(this List<(string Name, string Value)> fields, string name) => fields.Single(f => f.Name == name).Value;

    private static Dictionary<string, string> Attributes(string tag) =>
        AttributePattern().Matches(tag).GroupBy(m => m.Groups[1].Value.ToLowerInvariant())
            .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups[3].Success ? g.First().Groups[3].Value : g.First().Groups[4].Value));

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("<textarea\\b([^>]*)>(.*?)</textarea>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TextAreaTag();

    [GeneratedRegex("<select\\b([^>]*)>(.*?)</select>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex SelectTag();

    [GeneratedRegex("<option\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex OptionTag();

    [GeneratedRegex("([a-zA-Z_:-][a-zA-Z0-9_:.-]*)(=(?:\"([^\"]*)\"|([^\\s>]*)))?")]
    private static partial Regex AttributePattern();
}
