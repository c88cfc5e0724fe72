using System.Globalization;
using System.Text;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;

namespace Kvalitetsportal.Documents.Data;

/// <summary>
/// What modules keep about an item in their own tables (<see cref="IContentItemFacts"/>: the
/// diarienummer, the decisions in one line) as "facts.&lt;label&gt;", e.g. <c>{{ facts.diarienummer }}</c>:
/// the same facts the item's export and search carry, so a new module's fact reaches documents
/// without a contributor of its own.
/// </summary>
public sealed class FactsDataContributor(IEnumerable<IContentItemFacts> facts, PortalDbContext db) : IDocumentDataContributor
{
    public IEnumerable<DocumentField> Fields(ContentTypeDefinition type) =>
        facts.Select(f => new DocumentField(FieldName(f), f.Label));

    public async Task ContributeAsync(DocumentDataContext context, CancellationToken cancellationToken)
    {
        foreach (var fact in facts)
        {
            var values = await fact.GetAsync(db, [context.Item.ContentItemId], cancellationToken);
            context.Data.Set(FieldName(fact), values.GetValueOrDefault(context.Item.ContentItemId));
        }
    }

    /// <summary>"Diarienummer" → "facts.diarienummer", "Åtgärd följd" → "facts.atgard_foljd": what a merge field's name allows.</summary>
    public static string FieldName(IContentItemFacts fact)
    {
        var name = new StringBuilder("facts.");
        foreach (var c in fact.Label.ToLower(CultureInfo.GetCultureInfo("sv-SE")).Normalize(NormalizationForm.FormD))
        {
            if (c is >= 'a' and <= 'z' || char.IsAsciiDigit(c))
            {
                name.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                name.Append('_'); // å, ä, ö lose their marks above; spaces and signs become "_"
            }
        }

        return name.ToString();
    }
}
