using Kvalitetsportal.Caching;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Organisation.Units;
using Kvalitetsportal.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kvalitetsportal.UnitTests.Organisation;

/// <summary>Applying an import to a real (in-memory SQLite) database with the portal's composed model.</summary>
public sealed class UnitImporterTests : IDisposable
{
    private static readonly ModuleCatalog Catalog = ModuleCatalog.Discover(typeof(Program).Assembly);
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public UnitImporterTests()
    {
        _connection.Open();
        using var db = NewDb();
        db.Database.EnsureCreated();
        var kf = new OrganisationUnit { Code = "KF", Name = "Kommunfullmäktige", Kind = UnitKind.Fullmaktige };
        var ks = new OrganisationUnit { Code = "KS", Name = "Kommunstyrelsen", Kind = UnitKind.Styrelse, Parent = kf };
        db.AddRange(kf, ks,
            new OrganisationUnit { Code = "KLF", Name = "Kommunledningsförvaltningen", Kind = UnitKind.Forvaltning, Parent = ks },
            new OrganisationUnit { Code = "OLD", Name = "Nedlagd", Kind = UnitKind.Enhet, Parent = ks, IsActive = false });
        db.SaveChanges();
    }

    private SqlitePortalDbContext NewDb() =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite(_connection).Options, Catalog);

    private static Dictionary<string, (string Name, UnitKind Kind, string? Parent, bool IsActive)> Snapshot(SqlitePortalDbContext db) =>
        db.Set<OrganisationUnit>().AsNoTracking().Include(u => u.Parent)
            .ToDictionary(u => u.Code, u => (u.Name, u.Kind, u.Parent?.Code, u.IsActive));

    public void Dispose() => _connection.Dispose();

    [Fact]
    public async Task Valid_rows_are_added_and_updated_and_rejected_rows_change_nothing()
    {
        UnitImportRow[] rows =
        [
            new(2, "FKF-BIBL", "Biblioteken", "Enhet", "FKF"),
            new(3, "FKF", "Förvaltningen kultur och fritid", "Förvaltning", "KS"),
            new(4, "KLF", "Kommunledningen", "Förvaltning", "KF"),
            new(5, "KS", "Kommunstyrelsen", "Styrelse", "KF"),
            new(6, "OLD", "Nedlagd enhet", "Enhet", "KS"),
            new(7, "BAD", "", "Enhet", "KS"),
        ];

        await using (var db = NewDb())
        {
            var result = await new UnitImporter(db, new CachedUnitDirectory(db, PortalCache.CreateNodeLocal()), NullLogger<UnitImporter>.Instance).ImportAsync(rows, validateOnly: false);
            Assert.True(result.Saved);
            Assert.Equal((2, 2, 1), (result.Added, result.Updated, result.Unchanged));
            Assert.Equal(7, Assert.Single(result.Plan.Rejected).Row.LineNumber);
        }

        await using (var db = NewDb())
        {
            var units = Snapshot(db);
            Assert.Equal(("Biblioteken", UnitKind.Enhet, "FKF", true), units["FKF-BIBL"]);
            Assert.Equal(("Förvaltningen kultur och fritid", UnitKind.Forvaltning, "KS", true), units["FKF"]);
            Assert.Equal(("Kommunledningen", UnitKind.Forvaltning, "KF", true), units["KLF"]);
            Assert.Equal(("Nedlagd enhet", UnitKind.Enhet, "KS", false), units["OLD"]); // an import never reactivates
            Assert.False(units.ContainsKey("BAD"));
        }
    }

    [Fact]
    public async Task Rows_match_existing_codes_ignoring_case_and_keep_the_stored_code()
    {
        await using (var db = NewDb())
        {
            var result = await new UnitImporter(db, new CachedUnitDirectory(db, PortalCache.CreateNodeLocal()), NullLogger<UnitImporter>.Instance).ImportAsync([new(2, "klf", "KLF nytt namn", "förvaltning", "ks")], validateOnly: false);
            Assert.Equal((0, 1), (result.Added, result.Updated));
        }

        await using (var check = NewDb())
        {
            var units = Snapshot(check);
            Assert.Equal(4, units.Count);
            Assert.Equal("KLF nytt namn", units["KLF"].Name);
        }
    }

    [Fact]
    public async Task Validate_only_saves_nothing()
    {
        await using (var db = NewDb())
        {
            var result = await new UnitImporter(db, new CachedUnitDirectory(db, PortalCache.CreateNodeLocal()), NullLogger<UnitImporter>.Instance).ImportAsync([new(2, "NY", "Ny enhet", "Enhet", "KS")], validateOnly: true);
            Assert.False(result.Saved);
            Assert.Single(result.Plan.Accepted);
        }

        await using var check = NewDb();
        Assert.False(Snapshot(check).ContainsKey("NY"));
    }
}
