using System.Globalization;
using System.Text.Json.Nodes;
using Kvalitetsportal.Audit;
using Kvalitetsportal.AuditTrail.Content;
using Kvalitetsportal.AuditTrail.Recording;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;

namespace Kvalitetsportal.UnitTests.AuditTrail;

public sealed class ContentDiffTests
{
    private static readonly ContentTypeDefinition Type = new()
    {
        Name = "Forbattringsforslag",
        DisplayName = "Förbättringsförslag",
        TitleLabel = "Rubrik på idén",
        Fields =
        [
            new ContentFieldDefinition { Name = "sammanfattning", Label = "Sammanfattning", Kind = FieldKind.LongText, Order = 2 },
            new ContentFieldDefinition { Name = "kostnad", Label = "Kostnad", Kind = FieldKind.Number, Order = 1 },
            new ContentFieldDefinition { Name = "start", Label = "Startdatum", Kind = FieldKind.Date, Order = 3 },
            new ContentFieldDefinition { Name = "omraden", Label = "Områden", Kind = FieldKind.Choice, Multiple = true, Choices = ["Miljö", "Vård"], Order = 4 },
            new ContentFieldDefinition { Name = "beskrivning", Label = "Beskrivning", Kind = FieldKind.RichText, Order = 5 },
            new ContentFieldDefinition { Name = "bilagor", Label = "Bilagor", Kind = FieldKind.Files, Order = 6 },
        ],
    };

    private static readonly Dictionary<int, string> Units = new() { [1] = "Hemtjänst väster", [2] = "HR-avdelningen" };

    private static ContentItem Item(string title, int? unit, JsonObject data)
    {
        var item = new ContentItem { ContentItemId = "abc", ContentType = Type.Name, OwnerId = "u1", AuthorId = "u1", DisplayText = title, OrganisationUnitId = unit };
        item.SetData(data);
        return item;
    }

    private static IReadOnlyList<AuditChange> Diff(ContentItem? before, ContentItem after) =>
        ContentDiff.Build(Type, before, after, id => Units.GetValueOrDefault(id));

    [Fact]
    public void A_new_item_lists_its_title_unit_and_filled_fields_as_readable_text_in_field_order()
    {
        var changes = Diff(null, Item("Cykelpool", 1, new JsonObject
        {
            ["sammanfattning"] = "Cyklar för hemtjänsten",
            ["kostnad"] = 25000m,
            ["start"] = "2026-03-15",
            ["omraden"] = new JsonArray("Miljö", "Vård"),
            ["beskrivning"] = "<p>Mer <strong>rörelse</strong></p>",
        }));

        var sv = CultureInfo.GetCultureInfo("sv-SE");
        Assert.Equal(
            [
                new AuditChange("title", "Rubrik på idén", null, "Cykelpool"),
                new AuditChange("unit", "Enhet", null, "Hemtjänst väster"),
                new AuditChange("kostnad", "Kostnad", null, 25000m.ToString("#,##0.##", sv)),
                new AuditChange("sammanfattning", "Sammanfattning", null, "Cyklar för hemtjänsten"),
                new AuditChange("start", "Startdatum", null, "15 mars 2026"),
                new AuditChange("omraden", "Områden", null, "Miljö, Vård"),
                new AuditChange("beskrivning", "Beskrivning", null, "Mer  rörelse"),
            ],
            changes);
    }

    [Fact]
    public void An_update_lists_only_what_a_reader_sees_change()
    {
        var before = Item("Cykelpool", 1, new JsonObject
        {
            ["sammanfattning"] = "Samma text",
            ["kostnad"] = 100m,
            ["omraden"] = new JsonArray("Miljö"),
            ["bilagor"] = new JsonArray(new JsonObject { ["name"] = "plan.pdf" }),
            ["gammaltFalt"] = "kvar från förr",
        });
        var after = Item("Cykelpool 2.0", 2, new JsonObject
        {
            ["sammanfattning"] = "Samma text",
            ["kostnad"] = 100.0m, // the same number written differently
            ["omraden"] = new JsonArray("Miljö", "Vård"),
            ["bilagor"] = new JsonArray(new JsonObject { ["name"] = "plan.pdf" }, new JsonObject { ["name"] = "budget.xlsx" }),
        });

        var changes = Diff(before, after);

        Assert.Equal(
            [
                new AuditChange("title", "Rubrik på idén", "Cykelpool", "Cykelpool 2.0"),
                new AuditChange("unit", "Enhet", "Hemtjänst väster", "HR-avdelningen"),
                new AuditChange("omraden", "Områden", "Miljö", "Miljö, Vård"),
                new AuditChange("bilagor", "Bilagor", "plan.pdf", "plan.pdf, budget.xlsx"),
                new AuditChange("gammaltFalt", "gammaltFalt", "kvar från förr", null),
            ],
            changes);
    }

    [Fact]
    public void An_unchanged_item_has_no_changes_and_an_unknown_unit_is_named_by_id()
    {
        var data = new JsonObject { ["kostnad"] = 5m };
        Assert.Empty(Diff(Item("Samma", 1, data), Item("Samma", 1, data)));

        var moved = Diff(Item("Samma", 1, data), Item("Samma", 99, data));
        Assert.Equal([new AuditChange("unit", "Enhet", "Hemtjänst väster", "Enhet 99")], moved);
        Assert.Equal([new AuditChange("unit", "Enhet", "Hemtjänst väster", null)], Diff(Item("Samma", 1, data), Item("Samma", null, data)));
    }

    [Fact]
    public void Stored_changes_round_trip_and_long_values_are_shortened()
    {
        var longText = new string('x', AuditJson.MaxValueLength + 10);
        var json = AuditJson.Write([new AuditChange("a", "Åtgärd", null, "ö"), new AuditChange("b", "B", longText, null)]);
        Assert.Contains("\"label\":\"Åtgärd\"", json);
        var read = AuditJson.Read(json);
        Assert.Equal(new AuditChange("a", "Åtgärd", null, "ö"), read[0]);
        Assert.Equal(AuditJson.MaxValueLength + 1, read[1].Before!.Length);
        Assert.Empty(AuditJson.Read("inte json"));
    }
}
