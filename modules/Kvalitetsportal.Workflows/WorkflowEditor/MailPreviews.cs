using System.Text.RegularExpressions;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Hosting;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Kvalitetsportal.Workflows.WorkflowEditor;

/// <summary>A mail activity's subject and text as they would read, shown beside the activity in the editor.</summary>
public sealed record MailPreview(string Prefix, string? ItemTitle, string Subject, string Body);

/// <summary>
/// "Förhandsgranska" on a mail (or a timer's reminder): the working copy's templates rendered with
/// the newest item of the type, as the runtime would render them, before anything is saved. The
/// comment and the transition are the ones the move would have; the recipient is the item's owner.
/// </summary>
public sealed partial class MailPreviews(IContentQuery query, ContentItemPages pages, Templates templates, IPersonDirectory people, IConfiguration configuration)
{
    public const string Op = "preview";

    /// <summary>The preview for "preview:States[0].Activities[1]", or null when the path names no mail.</summary>
    public async Task<MailPreview?> RenderAsync(ContentTypeDefinition type, WorkflowForm form, string prefix, string actorName, CancellationToken cancellationToken)
    {
        if (Find(form, prefix) is not { } found || string.IsNullOrEmpty(found.Activity.Subject) && string.IsNullOrEmpty(found.Activity.Body))
        {
            return null;
        }

        var (activity, stateName, transition) = found;
        var item = await query.Latest.Where(i => i.ContentType == type.Name)
            .OrderByDescending(i => i.ModifiedUtc).ThenBy(i => i.ContentItemId).FirstOrDefaultAsync(cancellationToken);
        var state = stateName ?? "";
        var description = form.States.FirstOrDefault(s => s.Name == stateName)?.Description;
        Dictionary<string, object?> values;
        string? recipient = null;
        if (item is null)
        {
            // No item yet: the type's own fields with their labels as placeholders.
            var example = new ContentItem { ContentItemId = "exempel0000000000000000000000000", ContentType = type.Name, OwnerId = "", AuthorId = "", DisplayText = $"(titeln på ett ärende av typen {type.DisplayName})" };
            values = RunContext.ItemModel(type, example, [], state, description, PortalAddress.BaseUrl(configuration) + ContentItemUrls.Detail(type.Name, example.ContentItemId));
            foreach (var field in type.Fields)
            {
                ((Dictionary<string, object?>)values["fields"]!)[field.Name] = $"({field.Label})";
            }
        }
        else
        {
            var path = await pages.ReadUrlAsync(type.Name, item.ContentItemId, cancellationToken);
            values = RunContext.ItemModel(type, item, item.GetData(), state, description, PortalAddress.BaseUrl(configuration) + path);
            recipient = item.OwnerId is { } owner ? (await people.FindByIdAsync(owner, cancellationToken))?.Name : null;
        }

        var model = new TemplateModel(values, transition is null ? null : "(kommentaren som skrivs vid övergången)", transition?.Label, actorName)
        {
            RecipientName = recipient ?? "(mottagarens namn)",
        };
        return new MailPreview(prefix, item?.DisplayText, templates.RenderSubject(activity.Subject ?? "", model), templates.Render(activity.Body ?? "", model));
    }

    /// <summary>The id of the preview's region, where focus moves.</summary>
    public static string RegionId(string prefix) => WorkflowFormMapper.Id($"{prefix}.Preview");

    private static (ActivityForm Activity, string? StateName, TransitionForm? Transition)? Find(WorkflowForm form, string prefix)
    {
        var match = PathPattern().Match(prefix);
        if (!match.Success)
        {
            return null;
        }

        var owner = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        var index = int.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (match.Groups[1].Value == "States")
        {
            return owner < form.States.Count && index < form.States[owner].Activities.Count
                ? (form.States[owner].Activities[index], form.States[owner].Name, null)
                : null;
        }

        if (owner >= form.Transitions.Count || index >= form.Transitions[owner].Activities.Count)
        {
            return null;
        }

        var transition = form.Transitions[owner];
        return (transition.Activities[index], form.States.FirstOrDefault(s => s.Key == transition.To)?.Name, transition);
    }

    [GeneratedRegex(@"^(States|Transitions)\[(\d{1,3})\]\.Activities\[(\d{1,3})\]$")]
    private static partial Regex PathPattern();
}
