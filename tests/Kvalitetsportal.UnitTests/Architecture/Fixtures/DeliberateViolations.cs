using Kvalitetsportal.Contents.Items;
using Microsoft.EntityFrameworkCore;

// Code that breaks the architecture rules on purpose, so RuleSelfTests can show each rule finds what it should.
// Never called. The production rules look only at the portal's assemblies, not at this test assembly.
namespace Kvalitetsportal.UnitTests.Architecture.Fixtures
{
    internal static class UsesContentsPage
    {
        public static Type Page => typeof(Kvalitetsportal.Contents.ContentItems.ContentItemsController);
    }

    internal static class WritesContentRows
    {
        public static async Task<int> DeleteAllAsync(DbContext db) =>
            await db.Set<ContentItem>().ExecuteDeleteAsync();

        public static Task<int> RenameAllAsync(IQueryable<ContentItem> items) =>
            items.ExecuteUpdateAsync(s => s.SetProperty(i => i.DisplayText, "x"));

        public static Func<IQueryable<ContentItem>> Lazily(DbContext db) => () => db.Set<ContentItem>();
    }
}

namespace Kvalitetsportal.UnitTests.Architecture.Fixtures.Cycle.A
{
    internal sealed class First
    {
        public B.Second? Next { get; set; }
    }
}

namespace Kvalitetsportal.UnitTests.Architecture.Fixtures.Cycle.B
{
    internal sealed class Second
    {
        public static A.First Back() => new();
    }
}

namespace Kvalitetsportal.UnitTests.Architecture.Fixtures.OneWay.A
{
    internal sealed class Upper
    {
        public B.Lower? Below { get; set; }
    }
}

namespace Kvalitetsportal.UnitTests.Architecture.Fixtures.OneWay.B
{
    internal sealed class Lower;
}
