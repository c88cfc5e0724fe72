using Kvalitetsportal.Data;
using Kvalitetsportal.Modules;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Web.Data;

// One subclass per provider so that each carries its own migrations (ADR 0003).
public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options, IModuleCatalog catalog)
    : PortalDbContext(options, catalog);

public sealed class PostgresPortalDbContext(DbContextOptions<PostgresPortalDbContext> options, IModuleCatalog catalog)
    : PortalDbContext(options, catalog);
