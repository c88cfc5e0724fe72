using System.Diagnostics;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Organisation.Units;

namespace Kvalitetsportal.UnitTests.Organisation;

/// <summary>Every reason a row is refused, and the rows that must get through.</summary>
public sealed class UnitImportValidatorTests
{
    // KF ─ KS ─ KLF ─ KLF-HR, and the retired OLD under KS.
    private static readonly ExistingUnit[] Existing =
    [
        new("KF", "Kommunfullmäktige", null, true),
        new("KS", "Kommunstyrelsen", "KF", true),
        new("KLF", "Kommunledningsförvaltningen", "KS", true),
        new("KLF-HR", "HR-avdelningen", "KLF", true),
        new("OLD", "Nedlagda förvaltningen", "KS", false),
    ];

    private static UnitImportRow Row(int line, string code, string name = "Namn", string type = "Enhet", string parent = "KS") =>
        new(line, code, name, type, parent);

    private static UnitImportPlan Validate(params UnitImportRow[] rows) => UnitImportValidator.Validate(rows, Existing);

    private static string ReasonFor(UnitImportPlan plan, int line) =>
        Assert.Single(plan.Rejected, r => r.Row.LineNumber == line).Reason;

    [Fact]
    public void Good_rows_are_accepted_with_cleaned_values()
    {
        var plan = Validate(
            Row(2, "  FKF ", " Förvaltningen kultur och fritid ", "förvaltning", " ks "),
            Row(3, "FKF-BIBL", "Biblioteken", "ENHET", "FKF"),
            Row(4, "KLF-HR", "HR och lön", "Enhet", "KLF"));

        Assert.Empty(plan.Rejected);
        Assert.Equal(3, plan.Accepted.Count);
        var fkf = plan.Accepted[0];
        Assert.Equal(("FKF", "Förvaltningen kultur och fritid", UnitKind.Forvaltning, "ks"), (fkf.Code, fkf.Name, fkf.Kind, fkf.ParentCode));
    }

    [Fact]
    public void A_parent_may_come_later_in_the_file()
    {
        var plan = Validate(Row(2, "FKF-BIBL", parent: "FKF"), Row(3, "FKF", type: "Förvaltning", parent: "KS"));

        Assert.Empty(plan.Rejected);
    }

    [Fact]
    public void An_empty_parent_makes_a_top_level_unit()
    {
        var plan = Validate(Row(2, "BOLAG-X", type: "Bolag", parent: ""));

        Assert.Null(Assert.Single(plan.Accepted).ParentCode);
    }

    [Theory]
    [InlineData("Kommunfullmäktige", UnitKind.Fullmaktige)]
    [InlineData("fullmäktige", UnitKind.Fullmaktige)]
    [InlineData("Fullmaktige", UnitKind.Fullmaktige)]
    [InlineData("Styrelse", UnitKind.Styrelse)]
    [InlineData("KOMMUNSTYRELSE", UnitKind.Styrelse)]
    [InlineData("Nämnd", UnitKind.Namnd)]
    [InlineData("NÄMND", UnitKind.Namnd)]
    [InlineData("namnd", UnitKind.Namnd)]
    [InlineData("Förvaltning", UnitKind.Forvaltning)]
    [InlineData("Forvaltning", UnitKind.Forvaltning)]
    [InlineData(" enhet ", UnitKind.Enhet)]
    [InlineData("Bolag", UnitKind.Bolag)]
    [InlineData("Na\u0308mnd", UnitKind.Namnd)] // "ä" written as a + combining diaeresis (macOS)
    public void Types_are_read_from_swedish_words_and_enum_names(string type, UnitKind expected)
    {
        var plan = Validate(Row(2, "X", type: type));

        Assert.Equal(expected, Assert.Single(plan.Accepted).Kind);
    }

    [Fact]
    public void Missing_code_is_refused()
    {
        var plan = Validate(Row(2, "  "));

        Assert.Equal("Koden saknas.", ReasonFor(plan, 2));
    }

    [Fact]
    public void Missing_name_is_refused()
    {
        var plan = Validate(Row(2, "X", name: ""));

        Assert.Equal("Namnet saknas.", ReasonFor(plan, 2));
    }

    [Fact]
    public void Missing_type_is_refused_and_the_accepted_words_are_listed()
    {
        var plan = Validate(Row(2, "X", type: ""));

        Assert.Equal("Typ saknas. Skriv en av: Fullmäktige, Styrelse, Nämnd, Förvaltning, Enhet, Bolag.", ReasonFor(plan, 2));
    }

    [Theory]
    [InlineData("Avdelning")]
    [InlineData("2")]
    [InlineData("Nämnder")]
    public void Unknown_type_is_refused(string type)
    {
        var plan = Validate(Row(2, "X", type: type));

        Assert.StartsWith($"Okänd typ \"{type}\". Skriv en av: Fullmäktige,", ReasonFor(plan, 2), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_parent_is_refused()
    {
        var plan = Validate(Row(2, "X", parent: "FINNS-EJ"));

        Assert.Equal("Överordnad \"FINNS-EJ\" finns varken i filen eller i organisationen.", ReasonFor(plan, 2));
    }

    [Fact]
    public void Codes_and_names_may_be_exactly_as_long_as_allowed_but_not_longer()
    {
        var plan = Validate(
            Row(2, new string('A', 50), new string('n', 200)),
            Row(3, new string('B', 51)),
            Row(4, "C", new string('n', 201)));

        Assert.Single(plan.Accepted);
        Assert.Equal("Koden är för lång: högst 50 tecken, den har 51.", ReasonFor(plan, 3));
        Assert.Equal("Namnet är för långt: högst 200 tecken, det har 201.", ReasonFor(plan, 4));
    }

    [Fact]
    public void Duplicate_codes_in_the_file_reject_every_copy_ignoring_case()
    {
        var plan = Validate(Row(2, "DUP", "Först"), Row(3, "OK"), Row(5, "dup", "Sedan"));

        Assert.Equal(["OK"], plan.Accepted.Select(a => a.Code));
        Assert.Equal("Koden \"DUP\" förekommer på flera rader i filen (rad 2, 5).", ReasonFor(plan, 2));
        Assert.Equal("Koden \"dup\" förekommer på flera rader i filen (rad 2, 5).", ReasonFor(plan, 5));
    }

    [Fact]
    public void A_unit_cannot_be_its_own_parent()
    {
        var plan = Validate(Row(2, "X", parent: "x"));

        Assert.Equal("Enheten kan inte vara överordnad sig själv.", ReasonFor(plan, 2));
    }

    [Fact]
    public void A_circle_within_the_file_is_refused_and_named()
    {
        var plan = Validate(Row(2, "A", parent: "B"), Row(3, "B", parent: "C"), Row(4, "C", parent: "A"), Row(5, "D", parent: "KS"));

        Assert.Equal(["D"], plan.Accepted.Select(a => a.Code));
        Assert.Equal("Överordnad ger en cirkel i trädet: A → B → C → A. En enhet kan inte ligga under sig själv.", ReasonFor(plan, 2));
        Assert.Contains("B → C → A → B", ReasonFor(plan, 3), StringComparison.Ordinal);
    }

    [Fact]
    public void Moving_an_existing_unit_under_its_own_descendant_is_a_circle()
    {
        // KS would move under KLF-HR, which lies under KS.
        var plan = Validate(Row(2, "KS", "Kommunstyrelsen", "Styrelse", "KLF-HR"));

        Assert.Equal("Överordnad ger en cirkel i trädet: KS → KLF-HR → KLF → KS. En enhet kan inte ligga under sig själv.", ReasonFor(plan, 2));
    }

    [Fact]
    public void A_move_that_the_same_file_makes_safe_is_accepted()
    {
        // KLF moves to the top, so KS may then move under KLF-HR.
        var plan = Validate(Row(2, "KS", "Kommunstyrelsen", "Styrelse", "KLF-HR"), Row(3, "KLF", "Kommunledningsförvaltningen", "Förvaltning", ""));

        Assert.Empty(plan.Rejected);
    }

    [Fact]
    public void Rows_under_a_rejected_row_are_rejected_too_all_the_way_down()
    {
        var plan = Validate(
            Row(2, "FKF", name: "", type: "Förvaltning"),
            Row(3, "FKF-BIBL", parent: "FKF"),
            Row(4, "FKF-BIBL-1", parent: "FKF-BIBL"),
            Row(5, "KLF-EKO", parent: "KLF"));

        Assert.Equal(["KLF-EKO"], plan.Accepted.Select(a => a.Code));
        Assert.Equal("Överordnad \"FKF\" på rad 2 avvisades, så den här raden kan inte heller läsas in.", ReasonFor(plan, 3));
        Assert.Equal("Överordnad \"FKF-BIBL\" på rad 3 avvisades, så den här raden kan inte heller läsas in.", ReasonFor(plan, 4));
    }

    [Fact]
    public void A_row_under_a_rejected_row_is_rejected_even_if_that_unit_exists()
    {
        var plan = Validate(Row(2, "KLF", name: "", type: "Förvaltning"), Row(3, "KLF-NY", parent: "KLF"));

        Assert.Empty(plan.Accepted);
        Assert.Contains("på rad 2 avvisades", ReasonFor(plan, 3), StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_under_a_circle_is_rejected_because_its_parent_is()
    {
        var plan = Validate(Row(2, "A", parent: "B"), Row(3, "B", parent: "A"), Row(4, "C", parent: "A"));

        Assert.Empty(plan.Accepted);
        Assert.Contains("cirkel", ReasonFor(plan, 2), StringComparison.Ordinal);
        Assert.Equal("Överordnad \"A\" på rad 2 avvisades, så den här raden kan inte heller läsas in.", ReasonFor(plan, 4));
    }

    [Fact]
    public void An_active_unit_cannot_be_put_under_a_retired_one()
    {
        var plan = Validate(Row(2, "NY", parent: "OLD"), Row(3, "OLD", "Nedlagda förvaltningen", "Förvaltning", "KS"));

        Assert.StartsWith("Överordnad \"OLD\" (Nedlagda förvaltningen) är avvecklad.", ReasonFor(plan, 2), StringComparison.Ordinal);
        Assert.Equal(["OLD"], plan.Accepted.Select(a => a.Code));
    }

    [Fact]
    public void The_tree_may_be_30_levels_deep_but_not_deeper()
    {
        // KS is level 2, so rows L3..L30 fill the tree to 30 levels and L31 is one too many.
        var rows = Enumerable.Range(3, 29).Select(level => Row(level, "L" + level, parent: level == 3 ? "KS" : "L" + (level - 1))).ToArray();

        var plan = Validate(rows);

        Assert.Equal(28, plan.Accepted.Count);
        Assert.Equal("Enheten skulle hamna på nivå 31 i trädet. Högst 30 nivåer är tillåtna.", ReasonFor(plan, 31));
    }

    [Fact]
    public void Large_files_with_long_chains_are_checked_quickly()
    {
        // 20 000 rows, each the parent of the row before it, and the top one refused: every row goes.
        var rows = Enumerable.Range(0, 20_000)
            .Select(i => Row(20_001 - i, "C" + i, parent: i == 19_999 ? "FINNS-EJ" : "C" + (i + 1)))
            .ToArray();
        var watch = Stopwatch.StartNew();

        var plan = Validate(rows);

        Assert.Empty(plan.Accepted);
        Assert.Equal(20_000, plan.Rejected.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"Tog {watch.Elapsed}");
    }

    [Fact]
    public void Control_characters_in_values_are_refused()
    {
        var plan = Validate(Row(2, "X", "Rad\nbrytning"));

        Assert.Equal("Raden innehåller otillåtna tecken (styrtecken).", ReasonFor(plan, 2));
    }

    [Fact]
    public void Every_problem_of_a_row_is_reported_at_once()
    {
        var plan = Validate(Row(7, "", "", "Avdelning", "FINNS-EJ"));

        var reason = ReasonFor(plan, 7);
        Assert.Contains("Koden saknas.", reason, StringComparison.Ordinal);
        Assert.Contains("Namnet saknas.", reason, StringComparison.Ordinal);
        Assert.Contains("Okänd typ \"Avdelning\"", reason, StringComparison.Ordinal);
        Assert.Contains("\"FINNS-EJ\" finns varken", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejected_rows_keep_their_original_values_for_the_report()
    {
        var row = new UnitImportRow(9, " x ", "Namn", "Avdelning", " KS ");

        var rejected = Assert.Single(Validate(row).Rejected);

        Assert.Same(row, rejected.Row);
    }
}
