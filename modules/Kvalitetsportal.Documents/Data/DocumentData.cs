using System.Security.Claims;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Modules;

namespace Kvalitetsportal.Documents.Data;

/// <summary>
/// A merge field a template may use, as the administrator reads it in the field list. A field of a
/// list (<see cref="List"/> set, e.g. "history") fills one row of a repeating table row per entry.
/// </summary>
public sealed record DocumentField(string Name, string Description, string? List = null);

/// <summary>
/// The values one document is filled with: single values by field name ("item.title") and lists of
/// rows ("history", each row by field name "history.date"). Values are plain text; the merger
/// writes them into Word's text elements, so nothing is escaped by hand.
/// </summary>
public sealed class DocumentData
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<IReadOnlyDictionary<string, string>>> _lists = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Values => _values;

    public void Set(string field, string? value) => _values[field] = value ?? "";

    /// <summary>Adds one row to a list; the row's keys are full field names ("history.date").</summary>
    public void AddRow(string list, IReadOnlyDictionary<string, string> row)
    {
        if (!_lists.TryGetValue(list, out var rows))
        {
            _lists[list] = rows = [];
        }

        rows.Add(row);
    }

    /// <summary>The rows of a list; none when no contributor filled it (an item without history).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows(string list) =>
        _lists.TryGetValue(list, out var rows) ? rows : [];
}

/// <summary>The item a document is made for, who asked for it, and the data being filled.</summary>
public sealed class DocumentDataContext
{
    public required ClaimsPrincipal Reader { get; init; }

    public required ContentTypeDefinition Type { get; init; }

    public required ContentItem Item { get; init; }

    public DocumentData Data { get; } = new();
}

/// <summary>
/// How a module adds merge fields to documents (item fields, workflow history; decisions and the
/// diarienummer when their modules are enabled). <see cref="Fields"/> is what templates may use and
/// what the upload check knows; <see cref="ContributeAsync"/> fills them for one item. A contributor
/// must add only what the reader may see on the item's page: the caller has checked the item, not
/// the contributor's own data.
/// </summary>
public interface IDocumentDataContributor
{
    IEnumerable<DocumentField> Fields(ContentTypeDefinition type);

    Task ContributeAsync(DocumentDataContext context, CancellationToken cancellationToken);
}

/// <summary>Asks the contributors of enabled features, in registration order (every module's services are registered; its feature may be off).</summary>
public sealed class DocumentDataSource(IEnumerable<IDocumentDataContributor> contributors, IModuleCatalog catalog, IFeatureManager features)
{
    public async Task<IReadOnlyList<DocumentField>> FieldsOfAsync(ContentTypeDefinition type, CancellationToken cancellationToken) =>
        [.. (await EnabledAsync(cancellationToken)).SelectMany(c => c.Fields(type)).DistinctBy(f => f.Name)];

    public async Task<DocumentData> CollectAsync(ClaimsPrincipal reader, ContentTypeDefinition type, ContentItem item, CancellationToken cancellationToken)
    {
        var context = new DocumentDataContext { Reader = reader, Type = type, Item = item };
        foreach (var contributor in await EnabledAsync(cancellationToken))
        {
            await contributor.ContributeAsync(context, cancellationToken);
        }

        return context.Data;
    }

    private async Task<IReadOnlyList<IDocumentDataContributor>> EnabledAsync(CancellationToken cancellationToken)
    {
        var enabled = await features.GetEnabledFeatureIdsAsync(cancellationToken);
        return [.. contributors.Where(c => catalog.FeatureOf(c.GetType()) is not { } feature || enabled.Contains(feature.Id))];
    }
}
