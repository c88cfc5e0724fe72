using System.Net;
using System.Text.RegularExpressions;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Data;
using Kvalitetsportal.IntegrationTests.Users;
using Kvalitetsportal.Permissions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.Contents;

/// <summary>The portal with a test content type that employees (Medarbetare) may create, view and edit their own of.</summary>
public sealed class ContentsPortal : PortalFactory
{
    public const string Type = "Testforslag";
    public const string List = "/innehall/Testforslag";
    public const string New = "/innehall/Testforslag/ny";
    public const string OtherEmployee = "berit.medarbetare@kvalitetsportal.local";

    private readonly SemaphoreSlim _arrange = new(1, 1);
    private bool _arranged;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Users:SignInAttemptsPerMinute"] = "1000",
    };

    public static ContentTypeDefinition Definition() => new()
    {
        Name = Type,
        DisplayName = "Testförslag",
        TitleLabel = "Rubrik",
        Drafts = true,
        Versioned = true,
        Fields =
        [
            new ContentFieldDefinition { Name = "beskrivning", Label = "Beskrivning", Kind = FieldKind.LongText, Required = true, Order = 1 },
            new ContentFieldDefinition { Name = "kategori", Label = "Kategori", Kind = FieldKind.Choice, Choices = ["Miljö", "Arbetsmiljö", "Service"], ShowInList = true, Order = 2 },
            new ContentFieldDefinition { Name = "detaljer", Label = "Detaljer", Kind = FieldKind.RichText, Order = 3 },
            new ContentFieldDefinition { Name = "bilaga", Label = "Bilaga", Kind = FieldKind.Files, AllowedExtensions = [".pdf"], MaxFileSizeKb = 64, Order = 4 },
        ],
    };

    /// <summary>Saves the type, grants Medarbetare Create, ViewOwn and EditOwn, and adds a second employee. Once per portal.</summary>
    public async Task ArrangeAsync()
    {
        await _arrange.WaitAsync();
        try
        {
            if (_arranged)
            {
                return;
            }

            await using (var scope = CreateScope())
            {
                var store = scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>();
                var problems = await store.SaveAsync(Definition());
                Assert.Empty(problems);
                await store.GetAllAsync(); // the permission list is built from the loaded definitions
                await scope.ServiceProvider.GetRequiredService<IPermissionService>().SetGrantsAsync("Medarbetare",
                    [.. new[] { ContentAction.Create, ContentAction.ViewOwn, ContentAction.EditOwn }.Select(a => ContentPermissions.Name(Type, a))]);
            }

            await UsersArrange.CreateUserAsync(this, OtherEmployee, "Berit Bengtsson", "Medarbetare");
            _arranged = true;
        }
        finally
        {
            _arrange.Release();
        }
    }

    public async Task<PortalClient> SignInAsync(string email, string password)
    {
        await ArrangeAsync();
        var client = PortalClient.Create(this);
        await client.SignInOrFailAsync(email, password);
        return client;
    }

    public Task<PortalClient> AnnaAsync() => SignInAsync(EmployeeEmail, SamplePassword);

    public Task<PortalClient> BeritAsync() => SignInAsync(OtherEmployee, UsersArrange.Password);

    public async Task<ContentItem?> LatestAsync(string contentItemId)
    {
        await using var scope = CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<ContentItem>().AsNoTracking()
            .SingleOrDefaultAsync(i => i.ContentItemId == contentItemId && i.Latest);
    }

    public async Task<int> CountAsync(string title)
    {
        await using var scope = CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<ContentItem>()
            .CountAsync(i => i.DisplayText == title && i.Latest);
    }
}

internal static partial class ContentPages
{
    public static string Detail(string id) => $"{ContentsPortal.List}/{id}";

    public static string Edit(string id) => $"{ContentsPortal.List}/{id}/redigera";

    public static string Autosave(string id) => $"{ContentsPortal.List}/{id}/autospara";

    public static List<(string Name, string Value)> Fields(string title, string description, string saveAs = "skicka", params (string Name, string Value)[] more) =>
    [
        ("Title", title),
        ("f.beskrivning", description),
        ("SaveAs", saveAs),
        .. more,
    ];

    /// <summary>The new item's id from the redirect to its detail page.</summary>
    public static string ItemId(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(ContentsPortal.List + "/", location, StringComparison.Ordinal);
        return location[(ContentsPortal.List.Length + 1)..];
    }

    public static async Task<string> CreateAsync(PortalClient client, string title, string description = "En beskrivning", string saveAs = "skicka")
    {
        var response = await client.PostFieldsAsync(ContentsPortal.New, ContentsPortal.New, Fields(title, description, saveAs));
        return ItemId(response);
    }

    public static string Hidden(string html, string name)
    {
        var match = Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        Assert.True(match.Success, $"Inget dolt fält {name}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
