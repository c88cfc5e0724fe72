using System.Net.Mail;
using Fluid;
using Kvalitetsportal.Contents.Definitions;

namespace Kvalitetsportal.Workflows.Definitions;

/// <summary>
/// What a kind's validation sees of one activity in a definition being saved, and how it reports a
/// problem: <see cref="Problem"/> takes the setting's JSON name ("to", "subject") so the editor can
/// put the message next to its input.
/// </summary>
public sealed class ActivityCheck(
    string path,
    string name,
    string stateAfter,
    WorkflowDefinition definition,
    ContentTypeDefinition? type,
    IReadOnlySet<string> roles,
    IReadOnlyDictionary<string, ContentTypeDefinition> types,
    Action<string, string> problem)
{
    private static readonly FluidParser Liquid = new();

    /// <summary>"Aktiviteten \"Mejla beslutet\"" or "Aktivitet 2": start every message with it.</summary>
    public string Name => name;

    /// <summary>The state the item is in when the activity runs.</summary>
    public string StateAfter => stateAfter;

    public WorkflowDefinition Definition => definition;

    /// <summary>The workflow's content type; null when it does not exist (already reported).</summary>
    public ContentTypeDefinition? Type => type;

    public IReadOnlySet<string> Roles => roles;

    public IReadOnlyDictionary<string, ContentTypeDefinition> Types => types;

    public void Problem(string setting, string message) => problem($"{path}.{setting}", message);

    public void Recipient(Recipient to, string setting, bool mailOnly)
    {
        switch (to.Kind)
        {
            case RecipientKind.Role when string.IsNullOrEmpty(to.Value) || !roles.Contains(to.Value):
                Problem(setting, $"{name}: välj en roll som finns.");
                break;
            case RecipientKind.User when string.IsNullOrWhiteSpace(to.Value):
                Problem(setting, $"{name}: ange användarnamnet på mottagaren.");
                break;
            case RecipientKind.UserField when type?.Field(to.Value ?? "")?.Kind != FieldKind.User:
                Problem(setting, $"{name}: \"{to.Value}\" är inget användarfält i innehållstypen.");
                break;
            case RecipientKind.Address when !mailOnly || !MailAddress.TryCreate(to.Value, out _):
                Problem(setting, mailOnly ? $"{name}: \"{to.Value}\" är ingen giltig e-postadress." : $"{name}: en fast e-postadress kan bara användas för e-post.");
                break;
        }
    }

    /// <param name="what">The setting in words, e.g. "ämnesrad".</param>
    public void Template(string? template, string setting, string what, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            if (required)
            {
                Problem(setting, $"{name} saknar {what}.");
            }

            return;
        }

        if (!Liquid.TryParse(template, out _, out var error))
        {
            Problem(setting, $"{name}: mallen för {what} går inte att läsa ({error}).");
        }
    }
}
