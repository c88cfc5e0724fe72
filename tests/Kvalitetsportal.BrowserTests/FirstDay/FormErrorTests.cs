using Kvalitetsportal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Kvalitetsportal.BrowserTests.FirstDay;

/// <summary>Issue 22, "Forms and errors": after a failed submit the error summary has the focus and follows the form's order.</summary>
[Collection(FirstDayBrowserCollection.Name)]
public sealed class FormErrorTests(FirstDayBrowserFixture browser)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_failed_submit_moves_focus_to_the_error_summary_listing_the_fields_in_form_order(bool phone)
    {
        var anna = await browser.OpenAsync(phone);
        await anna.SignInAsync(PortalFactory.EmployeeEmail, PortalFactory.SamplePassword);
        await anna.GotoAsync("/ideer/ny");
        await anna.GetByLabel("Ditt förslag").FillAsync("Erbjud återuppringning.");
        await anna.GetByRole(AriaRole.Button, new() { Name = "Skicka in idén" }).ClickAsync();

        var summary = anna.GetByRole(AriaRole.Alert).Filter(new() { Has = anna.GetByRole(AriaRole.Heading, new() { Name = "Det finns fel i formuläret" }) });
        await Assertions.Expect(summary).ToBeFocusedAsync();
        var messages = await summary.GetByRole(AriaRole.Link).AllInnerTextsAsync();
        Assert.Equal(3, messages.Count);
        Assert.StartsWith("Rubrik på idén", messages[0], StringComparison.Ordinal);
        Assert.StartsWith("Vilket problem vill du lösa?", messages[1], StringComparison.Ordinal);
        Assert.StartsWith("För vem?", messages[2], StringComparison.Ordinal);

        // What she typed is still there, and a message's link takes her to its field.
        await Assertions.Expect(anna.GetByLabel("Ditt förslag")).ToHaveValueAsync("Erbjud återuppringning.");
        await summary.GetByRole(AriaRole.Link, new() { Name = messages[2] }).ClickAsync();
        await Assertions.Expect(anna.GetByLabel("För vem?")).ToBeFocusedAsync();
        await anna.AssertAccessibleAsync();
        await anna.Context.CloseAsync();
    }
}
