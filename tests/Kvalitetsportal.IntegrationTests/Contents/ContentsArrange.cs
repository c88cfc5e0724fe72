using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.Permissions;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Contents;

/// <summary>
/// The portal for content tests: sign-in is not rate-limited (every test signs in), and the
/// arrangement a test class shares is made once, by the first test that asks for it.
/// </summary>
public abstract class ContentsPortal<TArranged> : PortalFactory
{
    private readonly Lock _lock = new();
    private Task<TArranged>? _arranged;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Users:SignInAttemptsPerMinute"] = "1000",
    };

    public Task<TArranged> ArrangedAsync()
    {
        lock (_lock)
        {
            return _arranged ??= ArrangeAsync();
        }
    }

    protected abstract Task<TArranged> ArrangeAsync();
}

/// <summary>Arranges content types, grants and items directly through the Contents services.</summary>
internal static class ContentsArrange
{
    public const string CoordinatorEmail = "samordnare@kvalitetsportal.local";
    public const string CoordinatorRole = "Idésluss-samordnare";

    /// <summary>"Förbättringsförslag" with a text, a number, a choice and a yes/no field.</summary>
    public static ContentTypeDefinition Suggestion(string name = "Forbattringsforslag") => new()
    {
        Name = name,
        DisplayName = "Förbättringsförslag",
        Description = "Förslag på hur vi kan göra saker bättre.",
        TitleLabel = "Rubrik",
        Fields =
        [
            new() { Name = "beskrivning", Label = "Beskrivning av förbättringen", Kind = FieldKind.LongText, Required = true, Order = 1 },
            new() { Name = "kostnad", Label = "Uppskattad kostnad", Kind = FieldKind.Number, Min = 0, Max = 1_000_000, Order = 2 },
            new() { Name = "kategori", Label = "Kategori", Kind = FieldKind.Choice, Choices = ["Miljö", "Arbetsmiljö", "Ekonomi"], Order = 3 },
            new() { Name = "bradskande", Label = "Brådskande", Kind = FieldKind.YesNo, Order = 4 },
            new() { Name = "bilagor", Label = "Bilagor", Kind = FieldKind.Files, AllowedExtensions = [".pdf"], Order = 5 },
        ],
    };

    public static async Task SaveTypeAsync(PortalFactory portal, ContentTypeDefinition type)
    {
        await using var scope = portal.CreateScope();
        var problems = await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().SaveAsync(type);
        Assert.Empty(problems);
    }

    /// <summary>For each type, Medarbetare: Create, ViewOwn, EditOwn; the coordinator role: ViewAll (and nothing else). Replaces earlier grants of both roles.</summary>
    public static async Task GrantAsync(PortalFactory portal, params string[] typeNames)
    {
        await using var scope = portal.CreateScope();
        var permissions = scope.ServiceProvider.GetRequiredService<IPermissionService>();
        await permissions.SetGrantsAsync("Medarbetare", [.. typeNames.SelectMany(t => new[]
        {
            ContentPermissions.Name(t, ContentAction.Create),
            ContentPermissions.Name(t, ContentAction.ViewOwn),
            ContentPermissions.Name(t, ContentAction.EditOwn),
        })]);
        await permissions.SetGrantsAsync(CoordinatorRole, [.. typeNames.Select(t => ContentPermissions.Name(t, ContentAction.ViewAll))]);
    }

    public static async Task<ContentItem> CreateItemAsync(PortalFactory portal, string typeName, string ownerEmail, string title, JsonObject data, int? unitId = null)
    {
        var ownerId = await UsersArrange.UserIdAsync(portal, ownerEmail);
        await using var scope = portal.CreateScope();
        var type = await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync(typeName)
            ?? throw new InvalidOperationException($"Typen {typeName} finns inte");
        return await scope.ServiceProvider.GetRequiredService<IContentManager>()
            .CreateAsync(type, new ContentChange(title, unitId, data), ownerId, publish: false);
    }

    public static async Task<ContentItem?> LatestAsync(PortalFactory portal, string contentItemId)
    {
        await using var scope = portal.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IContentManager>().GetLatestAsync(contentItemId);
    }

    public static async Task<PortalClient> SignedInAsync(PortalFactory portal, string email, string password = PortalFactory.SamplePassword)
    {
        var client = PortalClient.Create(portal);
        await client.SignInOrFailAsync(email, password);
        return client;
    }
}
