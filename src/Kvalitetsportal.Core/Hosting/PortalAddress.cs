using Microsoft.Extensions.Configuration;

namespace Kvalitetsportal.Hosting;

/// <summary>The portal's address as users reach it (<c>Portal:BaseUrl</c>), for links in mail; the local run address when unset.</summary>
public static class PortalAddress
{
    public const string LocalDefault = "http://localhost:5080";

    /// <summary>Without a trailing slash, so that a path starting with "/" can follow.</summary>
    public static string BaseUrl(IConfiguration configuration) =>
        (configuration["Portal:BaseUrl"] is { Length: > 0 } url ? url : LocalDefault).TrimEnd('/');
}
