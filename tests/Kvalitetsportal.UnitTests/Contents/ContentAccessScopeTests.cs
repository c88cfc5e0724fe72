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
