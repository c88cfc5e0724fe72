using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Fluid;
using Kvalitetsportal.Localization;

namespace Kvalitetsportal.Templating;

/// <summary>
/// Liquid templates written by administrators (mail texts, titles), rendered with Fluid: parsed
/// templates are cached, and a run is bounded in steps and recursion so that a template cannot
/// hang the work it is part of. Dates read in Swedish, in Swedish time. Each use (workflow mails,
/// recurring titles) fills the context with its own model.
/// </summary>
public sealed partial class LiquidText
{
    private static readonly FluidParser Parser = new();

    private readonly ConcurrentDictionary<string, IFluidTemplate?> _parsed = new(StringComparer.Ordinal);

    public static TemplateOptions Options { get; } = new()
    {
        CultureInfo = CultureInfo.GetCultureInfo("sv-SE"),
        MaxSteps = 10_000,
        MaxRecursion = 10,
        TimeZone = SwedishTime.Zone,
    };

    /// <summary>Whether the template can be read; <paramref name="error"/> says why not.</summary>
    public static bool TryParse(string template, out string? error)
    {
        var ok = Parser.TryParse(template, out _, out var message);
        error = ok ? null : message;
        return ok;
    }

    /// <summary>The text with the model filled in; a template that cannot be read is returned as written.</summary>
    public string Render(string? template, Action<TemplateContext> fill)
    {
        if (string.IsNullOrEmpty(template) || (!template.Contains("{{", StringComparison.Ordinal) && !template.Contains("{%", StringComparison.Ordinal)))
        {
            return template ?? "";
        }

        var parsed = _parsed.GetOrAdd(template, t => Parser.TryParse(t, out var p, out _) ? p : null);
        if (parsed is null)
        {
            return template; // the validators refuse these; an old version might still hold one
        }

        var context = new TemplateContext(Options);
        fill(context);
        return parsed.Render(context, NullEncoder.Default);
    }

    /// <summary>A subject or title: one line, at most 200 characters.</summary>
    public static string OneLine(string text)
    {
        text = Whitespace().Replace(text, " ").Trim();
        return text.Length > 200 ? text[..200] : text;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
