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

    /// <summary>Work to do once this unit of work commits (see <see cref="AfterCommitQueue"/>).</summary>
    public AfterCommitQueue AfterCommit { get; } = new();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        base.OnConfiguring(optionsBuilder);

        // Every context runs its after-commit work, however its options were built (host, tests, bench).
        if (!optionsBuilder.Options.Extensions.OfType<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()
                .Any(e => e.Interceptors?.Contains(AfterCommitInterceptor.Instance) == true))
        {
            optionsBuilder.AddInterceptors(AfterCommitInterceptor.Instance);
        }
    }

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
