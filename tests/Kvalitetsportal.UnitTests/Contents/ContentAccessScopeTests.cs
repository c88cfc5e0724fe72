using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Items;

namespace Kvalitetsportal.UnitTests.Contents;

public sealed class ContentAccessScopeTests
{
    private static ContentItem Item(string owner, string? state = null, string? assigned = null) => new()
    {
        ContentItemId = Guid.NewGuid().ToString("N"),
        ContentType = "Ide",
        OwnerId = owner,
        AuthorId = owner,
        WorkflowState = state,
        AssignedTo = assigned,
    };

    private static readonly ContentAccessScope Scope = new(
    [
        new ContentAccessClause("Ide", OwnerId: "anna"),
        new ContentAccessClause("Ide", States: new HashSet<string> { "Publicerad" }),
        new ContentAccessClause("Ide", AssignedTo: new HashSet<string> { Assignee.User("karl"), Assignee.Role("Bedömare") }),
    ]);

    public static TheoryData<string, string?, string?, bool> Cases => new()
    {
        { "anna", null, null, true },              // own
        { "bo", "Publicerad", null, true },         // a state everyone may see
        { "bo", "Inskickad", null, false },         // someone else's, in a closed state
        { "bo", "Inskickad", "role:Bedömare", true }, // held by a role the clause names
        { "bo", "Inskickad", "user:eva", false },   // held by someone else
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_predicate_and_the_in_memory_check_agree(string owner, string? state, string? assigned, bool expected)
    {
        var item = Item(owner, state, assigned);

        Assert.Equal(expected, Scope.Matches(item));
        Assert.Equal(expected, Scope.ToPredicate().Compile()(item));
    }

    [Fact]
    public void An_empty_scope_reaches_nothing()
    {
        Assert.False(ContentAccessScope.None.Matches(Item("anna")));
        Assert.False(ContentAccessScope.None.ToPredicate().Compile()(Item("anna")));
    }

    [Fact]
    public void Another_type_is_never_reached()
    {
        var item = Item("anna");
        item.ContentType = "Projekt";

        Assert.False(Scope.Matches(item));
    }
}

/// <summary>ADR 22: unit, member and closed-item sets agree in memory and as a predicate, and are part of the key.</summary>
public sealed class ContentAccessSetTests
{
    private static ContentItem Item(string id, int? unit) => new()
    {
        ContentItemId = id,
        ContentType = "Ide",
        OwnerId = "anna",
        AuthorId = "anna",
        OrganisationUnitId = unit,
    };

    public static TheoryData<string, int?, bool> Cases => new()
    {
        { "i1", 10, true },   // in the reader's units
        { "i2", 11, true },
        { "i3", 12, false },  // another unit
        { "i4", null, false }, // no unit: no unit rule reaches it
        { "i5", 12, true },   // a member's item, whatever its unit
        { "i6", 10, false },  // jäv: closed although the unit clause reaches it
        { "i7", 12, false },  // closed although the member clause reaches it
    };

    private static readonly HashSet<string> Closed = ["i6", "i7"];

    private static readonly ContentAccessScope Scope = new(
    [
        new ContentAccessClause("Ide", Units: new HashSet<int> { 10, 11 }, ExceptItems: Closed),
        new ContentAccessClause("Ide", Items: new HashSet<string> { "i5", "i7" }, ExceptItems: Closed),
    ]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_predicate_and_the_in_memory_check_agree(string id, int? unit, bool expected)
    {
        var item = Item(id, unit);

        Assert.Equal(expected, Scope.Matches(item));
        Assert.Equal(expected, Scope.ToPredicate().Compile()(item));
    }

    [Fact]
    public void The_sets_are_part_of_the_key_in_any_order_and_old_keys_stay_as_they_were()
    {
        Assert.Equal("Ide\t*\t*\t*", new ContentAccessClause("Ide").Key);
        Assert.Equal(new ContentAccessClause("Ide", Units: new HashSet<int> { 2, 1 }).Key, new ContentAccessClause("Ide", Units: new HashSet<int> { 1, 2 }).Key);
        Assert.NotEqual(new ContentAccessClause("Ide", Units: new HashSet<int> { 1 }).Key, new ContentAccessClause("Ide", Units: new HashSet<int> { 1, 2 }).Key);
        Assert.NotEqual(new ContentAccessClause("Ide", Items: new HashSet<string> { "a" }).Key, new ContentAccessClause("Ide").Key);
        Assert.NotEqual(new ContentAccessClause("Ide", ExceptItems: new HashSet<string> { "a" }).Key, new ContentAccessClause("Ide").Key);
        Assert.Equal(new ContentAccessClause("Ide", ExceptItems: new HashSet<string>()).Key, new ContentAccessClause("Ide").Key);
    }
}
