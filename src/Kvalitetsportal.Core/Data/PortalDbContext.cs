using Kvalitetsportal.Modules;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Data;

/// <summary>
/// The portal's one database model, composed of the entity configurations of Core and of every
/// module (see ADR 0003). Provider-specific subclasses in the host carry the migrations.
/// </summary>
public abstract class PortalDbContext(DbContextOptions options, IModuleCatalog catalog) : DbContext(options)
{
    public DbSet<EnabledFeature> EnabledFeatures => Set<EnabledFeature>();

    public DbSet<SetupRecord> SetupRecords => Set<SetupRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        foreach (var assembly in catalog.ModuleAssemblies.Where(HasEntityConfigurations))
        {
            modelBuilder.ApplyConfigurationsFromAssembly(assembly);
        }

        JsonColumns.ApplyProviderTypes(modelBuilder, Database.ProviderName);
    }

    private static bool HasEntityConfigurations(System.Reflection.Assembly assembly) =>
        assembly.GetTypes().Any(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>)));
}
