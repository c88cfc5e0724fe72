using Kvalitetsportal.BrowserTests.Infrastructure;
using Kvalitetsportal.Contents.Definitions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class ContentTypeAdminJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Type_pages_with_every_kind_of_field_pass_axe_and_reorder_by_keyboard()
    {
        await using (var scope = browser.Portal.CreateScope())
        {
            var problems = await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().SaveAsync(new ContentTypeDefinition
            {
                Name = "Axeprov",
                DisplayName = "Axeprov",
                Fields =
                [
                    new() { Name = "kort", Label = "Kort", Kind = FieldKind.ShortText, Required = true, Order = 1 },
                    new() { Name = "lang", Label = "Lång", Kind = FieldKind.LongText, Hint = "Skriv fritt.", Order = 2 },
                    new() { Name = "val", Label = "Val", Kind = FieldKind.Choice, Choices = ["A", "B"], Order = 3 },
                    new() { Name = "tal", Label = "Tal", Kind = FieldKind.Number, Min = 0, Max = 10, Order = 4 },
                    new() { Name = "enhet", Label = "Enhet", Kind = FieldKind.OrganisationUnit, Order = 5 },
                    new() { Name = "filer", Label = "Filer", Kind = FieldKind.Files, AllowedExtensions = [".pdf"], Order = 6 },
                ],
            });
            Assert.Empty(problems);
        }

        var page = await browser.NewPageAsync();
        await page.SignInAsync(PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        foreach (var url in new[] { "/admin/innehallstyper", "/admin/innehallstyper/Axeprov", "/admin/innehallstyper/Axeprov/installningar", "/admin/innehallstyper/Axeprov/falt/nytt",
                     "/admin/innehallstyper/Axeprov/falt/val", "/admin/innehallstyper/Axeprov/falt/filer", "/admin/innehallstyper/Axeprov/falt/kort/ta-bort", "/admin/innehallstyper/Axeprov/forhandsgranska" })
        {
            var response = await page.GotoAsync(url);
            Assert.True(response!.Ok, $"{url} svarade {response.Status}");
            await page.AssertAccessibleAsync();
        }

        await page.GotoAsync("/admin/innehallstyper/Axeprov");
        await page.GetByRole(AriaRole.Button, new() { Name = "Flytta ned Kort" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/admin/innehallstyper/Axeprov#falt");
        Assert.Contains("Fältet Kort är flyttat ned.", await page.ContentAsync());
        await page.AssertAccessibleAsync();
        await page.Context.CloseAsync();
    }
}
