using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Fields;
using Kvalitetsportal.Contents.Files;
using Kvalitetsportal.Contents.Items;
using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace Kvalitetsportal.Lucene.Indexing;

/// <summary>The index's field names: exact fields for filters and trimming, text fields for matching.</summary>
public static class IndexFields
{
    /// <summary>The content item id: stored, and the term documents are replaced and deleted by.</summary>
    public const string Id = "id";

    // Exact, not analysed, one term each: the access clauses (ContentAccessClause) become term
    // queries on these, so the index answers "who may see this" exactly as the database does.
    public const string Type = "type";
    public const string Owner = "owner";
    public const string State = "state";
    public const string Assigned = "assigned";

    /// <summary>The latest version's organisation unit id, for unit clauses (<c>ContentAccessClause.Units</c>).</summary>
    public const string Unit = "unit";

    // Facets: sorted doc values, counted per hit without loading documents.
    public const string TypeFacet = "f_type";
    public const string StateFacet = "f_state";
    public const string UnitFacet = "f_unit";
    public const string YearFacet = "f_year";

    /// <summary>Last change (ticks, UTC): sorting by newest, and shown in the hit.</summary>
    public const string Modified = "modified";

    public const string Title = "title";
    public const string Text = "text";

    /// <summary>Which database rows the document was built from, so an incremental index can be compared with a rebuild.</summary>
    public const string Source = "source";

    public static readonly string[] Facets = [TypeFacet, StateFacet, UnitFacet, YearFacet];
}

/// <summary>
/// Turns an item into a Lucene document. The text is the published version's (what readers see);
/// who may see it comes from the latest version's columns, the row the detail page checks.
/// Only fields marked searchable are indexed, and never a field of kind User: names of people
/// (an idea giver hidden from assessors) must not be findable or shown in a snippet.
/// </summary>
public sealed class ContentDocuments(AttachmentText attachments, IEnumerable<IContentItemFacts>? moduleTexts = null)
{
    /// <summary>What an item without a workflow is shown as (as in the content lists).</summary>
    public const string SubmittedState = "Inskickad";

    /// <summary>What modules keep about these items for search (a diarienummer), by item id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ModuleTextAsync(Data.PortalDbContext db, IReadOnlyCollection<string> contentItemIds, CancellationToken cancellationToken)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var module in moduleTexts ?? [])
        {
            foreach (var (id, text) in await module.GetAsync(db, contentItemIds, cancellationToken))
            {
                texts[id] = texts.TryGetValue(id, out var before) ? before + "\n" + text : text;
            }
        }

        return texts;
    }

    public async Task<Document> BuildAsync(ContentItem published, ContentItem latest, ContentTypeDefinition? type, CancellationToken cancellationToken, string? moduleText = null)
    {
        var document = new Document
        {
            new StringField(IndexFields.Id, published.ContentItemId, Field.Store.YES),
            new StringField(IndexFields.Type, published.ContentType, Field.Store.YES),
            new SortedDocValuesField(IndexFields.TypeFacet, new BytesRef(published.ContentType)),
            new StringField(IndexFields.Owner, latest.OwnerId, Field.Store.NO),
            new SortedDocValuesField(IndexFields.StateFacet, new BytesRef(latest.WorkflowState ?? SubmittedState)),
            new SortedDocValuesField(IndexFields.YearFacet, new BytesRef(Year(published.CreatedUtc))),
            new NumericDocValuesField(IndexFields.Modified, published.ModifiedUtc.Ticks),
            new StoredField(IndexFields.Modified, published.ModifiedUtc.Ticks),
            new TextField(IndexFields.Title, Clean(published.DisplayText), Field.Store.YES),
            new TextField(IndexFields.Text, Clean(moduleText is null ? await TextAsync(published, type, cancellationToken) : moduleText + "\n" + await TextAsync(published, type, cancellationToken)), Field.Store.YES),
            new StoredField(IndexFields.Source, string.Create(CultureInfo.InvariantCulture, $"{published.Id}/{latest.Id}/{latest.Revision}")),
        };

        if (latest.WorkflowState is { } state)
        {
            document.Add(new StringField(IndexFields.State, state, Field.Store.NO));
        }

        if (latest.AssignedTo is { } assigned)
        {
            document.Add(new StringField(IndexFields.Assigned, assigned, Field.Store.NO));
        }

        if (latest.OrganisationUnitId is int accessUnit)
        {
            document.Add(new StringField(IndexFields.Unit, accessUnit.ToString(CultureInfo.InvariantCulture), Field.Store.NO));
        }

        if (published.OrganisationUnitId is int unit)
        {
            document.Add(new SortedDocValuesField(IndexFields.UnitFacet, new BytesRef(unit.ToString(CultureInfo.InvariantCulture))));
        }

        return document;
    }

    public static string Year(DateTime utc) => ContentDates.Local(utc).Year.ToString(CultureInfo.InvariantCulture);

    private async Task<string> TextAsync(ContentItem item, ContentTypeDefinition? type, CancellationToken cancellationToken)
    {
        if (type is null)
        {
            return "";
        }

        var data = item.GetData();
        var text = new StringBuilder();
        foreach (var field in type.OrderedFields.Where(f => f.Searchable))
        {
            var value = data[field.Name];
            switch (field.Kind)
            {
                case FieldKind.ShortText or FieldKind.LongText or FieldKind.RichText or FieldKind.Choice:
                    text.AppendLine(FieldValues.ToDisplayText(field, value));
                    break;
                case FieldKind.Files when value is JsonArray array:
                    foreach (var file in array.Deserialize<List<StoredFile>>(JsonSerializerOptions.Web) ?? [])
                    {
                        text.AppendLine(file.Name);
                        text.AppendLine(await attachments.ExtractAsync(file, cancellationToken));
                    }

                    break;
                default:
                    // User (a person's identity), numbers, dates, yes/no, units and references are not
                    // text anyone searches for; units are a facet of their own.
                    break;
            }
        }

        return Clean(text.ToString());
    }

    /// <summary>NFC, so "å" typed as a + ring (as some systems paste it) matches "å".</summary>
    private static string Clean(string text) => text.Normalize(NormalizationForm.FormC).Trim();
}
