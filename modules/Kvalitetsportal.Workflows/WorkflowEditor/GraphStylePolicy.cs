using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Kvalitetsportal.Workflows.WorkflowEditor;

/// <summary>
/// The one relaxation of the portal's Content-Security-Policy: on the editor's pages, style
/// elements carrying this response's nonce may apply (mermaid styles its drawing with a
/// &lt;style&gt; element). Nothing else changes: no 'unsafe-inline', scripts stay 'self' only,
/// and every other page keeps "style-src 'self'". See docs/adr/0012.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class GraphStyleNonceAttribute : Attribute, IResultFilter
{
    private const string ItemKey = "Kvalitetsportal.Workflows.StyleNonce";
    private const string Header = "Content-Security-Policy";

    /// <summary>The nonce of this response, or null where the policy was not relaxed.</summary>
    public static string? Nonce(HttpContext context) => context.Items[ItemKey] as string;

    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is not ViewResult)
        {
            return;
        }

        // Hex: no "+" or "/" that HTML encoding would turn into entities in the page.
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.HttpContext.Items[ItemKey] = nonce;
        var headers = context.HttpContext.Response.Headers;
        headers[Header] = WithStyleNonce(headers[Header].ToString(), nonce);
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }

    /// <summary>Adds the nonce to the style-src directive (or adds "style-src 'self' 'nonce-…'" when there is none).</summary>
    public static string WithStyleNonce(string policy, string nonce)
    {
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        var index = directives.FindIndex(d => d.Equals("style-src", StringComparison.OrdinalIgnoreCase) || d.StartsWith("style-src ", StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            directives[index] += $" 'nonce-{nonce}'";
        }
        else
        {
            directives.Add($"style-src 'self' 'nonce-{nonce}'");
        }

        return string.Join("; ", directives);
    }
}
