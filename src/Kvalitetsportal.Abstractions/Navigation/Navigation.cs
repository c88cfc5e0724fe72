namespace Kvalitetsportal.Navigation;

public static class Menus
{
    public const string Admin = "admin";
    public const string Portal = "portal";

    /// <summary>The header search box: the first item's URL is where it sends the words (parameter q).</summary>
    public const string Search = "search";
}

/// <summary>One entry of a menu; shown only when the user holds <see cref="Permission"/> (if set).</summary>
public sealed record MenuItem(string Text, string Url, int Position = 0, string? Permission = null, string? Group = null);

/// <summary>Contributes items to a menu. Only providers of enabled features are asked.</summary>
public interface INavigationProvider
{
    void BuildNavigation(string menuName, ICollection<MenuItem> items);
}

public interface INavigationManager
{
    Task<IReadOnlyList<MenuItem>> BuildMenuAsync(string menuName, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken = default);
}

/// <summary>A block on the employee's start page, rendered by the named view component.</summary>
public sealed record StartPageSection(string ViewComponent, int Position);

/// <summary>Contributes start-page blocks ("Mina ärenden", "Mina uppgifter"). Only enabled features are asked.</summary>
public interface IStartPageSectionProvider
{
    IEnumerable<StartPageSection> GetSections();
}
