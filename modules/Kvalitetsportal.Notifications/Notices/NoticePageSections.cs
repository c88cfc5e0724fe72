using Kvalitetsportal.Navigation;

namespace Kvalitetsportal.Notifications.Notices;

/// <summary>Puts the notices link ("Notiser (3 olästa)") in the user menu.</summary>
public sealed class NoticePageSections : IPageSectionProvider
{
    public IEnumerable<PageSection> GetSections(string slot) => slot switch
    {
        PageSlots.UserMenu => [new PageSection(UnreadNotificationsViewComponent.Name, 10)],
        _ => [],
    };
}
