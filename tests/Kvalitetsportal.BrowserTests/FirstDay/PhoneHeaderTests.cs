using Kvalitetsportal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.FirstDay;

/// <summary>Issue 22: on a phone the header folds behind "Meny" and takes far less than 230 of 844 pixels; on a desktop nothing is folded.</summary>
[Collection(FirstDayBrowserCollection.Name)]
public sealed class PhoneHeaderTests(FirstDayBrowserFixture browser)
{
    [Fact]
    public async Task On_a_phone_the_header_folds_behind_a_menu_button_that_opens_and_closes_it()
    {
        var anna = await browser.OpenAsync(phone: true);
        await anna.SignInAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        await anna.GotoAsync("/");
        var toggle = anna.GetByRole(AriaRole.Button, new() { Name = "Meny" });
        await Assertions.Expect(toggle).ToBeVisibleAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        var menu = anna.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" });
        await Assertions.Expect(menu).ToBeHiddenAsync();
        var height = (await anna.Locator("header.site-header").BoundingBoxAsync())!.Height;
        Assert.True(height <= 80, $"Sidhuvudet är {height} px högt på en telefon (844 px).");
        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeInViewportAsync();
        await anna.AssertAccessibleAsync();

        // Opened, the menu, the search box and the user links are all there; Escape closes it again.
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Mina uppgifter" })).ToBeVisibleAsync();
        await Assertions.Expect(anna.GetByRole(AriaRole.Search, new() { Name = "Sök i portalen" })).ToBeVisibleAsync();
        await Assertions.Expect(anna.GetByRole(AriaRole.Button, new() { Name = "Logga ut" })).ToBeVisibleAsync();
        await anna.AssertAccessibleAsync();
        await menu.GetByRole(AriaRole.Link, new() { Name = "Start" }).FocusAsync();
        await anna.Keyboard.PressAsync("Escape");
        await Assertions.Expect(menu).ToBeHiddenAsync();
        await Assertions.Expect(toggle).ToBeFocusedAsync();

        // The menu's links work from the folded header.
        await toggle.ClickAsync();
        await menu.GetByRole(AriaRole.Link, new() { Name = "Mina uppgifter" }).ClickAsync();
        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mina uppgifter");
        await anna.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_desktop_the_header_shows_everything_without_a_menu_button()
    {
        var anna = await browser.OpenAsync(phone: false);
        await anna.SignInAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        await anna.GotoAsync("/");
        await Assertions.Expect(anna.GetByRole(AriaRole.Button, new() { Name = "Meny" })).ToBeHiddenAsync();
        await Assertions.Expect(anna.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" }).GetByRole(AriaRole.Link, new() { Name = "Mina uppgifter" })).ToBeVisibleAsync();
        await Assertions.Expect(anna.GetByRole(AriaRole.Search, new() { Name = "Sök i portalen" })).ToBeVisibleAsync();
        await anna.AssertAccessibleAsync();
        await anna.Context.CloseAsync();
    }
}
