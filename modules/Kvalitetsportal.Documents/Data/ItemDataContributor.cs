using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Fields;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;

namespace Kvalitetsportal.Documents.Data;

/// <summary>
/// The item itself: title, reference, type, unit, owner, state, dates and every field of the type
/// as its page shows it (a user field as the person's name, a reference only if the reader may open
/// it, and the submitter only where the type's identity rules let this reader know who it was).
/// </summary>
public sealed class ItemDataContributor(
    FieldDisplay fieldDisplay,
    IUnitDirectory unitDirectory,
    ContentIdentityVisibility identity,
    UserManager<PortalUser> users,
    TimeProvider clock) : IDocumentDataContributor
{
    public const string HiddenOwner = "Den som skickade in";

    public IEnumerable<DocumentField> Fields(ContentTypeDefinition type)
    {
        yield return new("item.title", type.TitleLabel);
        yield return new("item.reference", "Ärendets referens (de första åtta tecknen i id:t)");
        yield return new("item.type", "Innehållstypens namn");
        yield return new("item.unit", "Organisationsenhet");
        yield return new("item.owner", "Den som skickade in (namn)");
        yield return new("item.state", "Steg i arbetsflödet");
        yield return new("item.created", "Skapad (datum)");
        yield return new("item.modified", "Senast ändrad (datum)");
        yield return new("item.published", "Inskickad (datum)");
        yield return new("document.date", "Dagens datum");
        foreach (var field in type.OrderedFields)
        {
            yield return new("item." + field.Name, field.Label);
        }
    }

    public async Task ContributeAsync(DocumentDataContext context, CancellationToken cancellationToken)
    {
        var (type, item, data) = (context.Type, context.Item, context.Data);
        var units = await unitDirectory.LoadAsync(cancellationToken);
        var values = item.GetData();
        var fields = type.OrderedFields.ToList();
        var display = await fieldDisplay.ForAsync(context.Reader, [values], fields, units, cancellationToken);

        data.Set("item.title", item.DisplayText);
        data.Set("item.reference", ContentItemUrls.Reference(item.ContentItemId));
        data.Set("item.type", type.DisplayName);
        data.Set("item.unit", units.NameOf(item.OrganisationUnitId));
        data.Set("item.owner", await OwnerNameAsync(context, cancellationToken));
        data.Set("item.state", item.WorkflowState);
        data.Set("item.created", DocumentText.Date(item.CreatedUtc));
        data.Set("item.modified", DocumentText.Date(item.ModifiedUtc));
        data.Set("item.published", DocumentText.Date(item.PublishedUtc));
        data.Set("document.date", DocumentText.Date(clock.GetUtcNow().UtcDateTime));
        foreach (var field in fields)
        {
            data.Set("item." + field.Name, display(field, values[field.Name]));
        }
    }

    private async Task<string> OwnerNameAsync(DocumentDataContext context, CancellationToken cancellationToken)
    {
        if (!await identity.MayRevealOwnerAsync(context.Reader, context.Type, context.Item, cancellationToken))
        {
            return HiddenOwner;
        }

        return await users.FindByIdAsync(context.Item.OwnerId) is { } owner ? FieldDisplay.NameOf(owner) : "";
    }
}
