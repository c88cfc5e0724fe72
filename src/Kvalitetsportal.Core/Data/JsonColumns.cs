using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kvalitetsportal.Data;

public static class JsonColumns
{
    internal const string Annotation = "Kvalitetsportal:Json";

    /// <summary>A string column holding JSON: jsonb on PostgreSQL, TEXT on SQLite.</summary>
    public static PropertyBuilder<string> IsJson(this PropertyBuilder<string> property) =>
        property.HasAnnotation(Annotation, true);

    internal static void ApplyProviderTypes(ModelBuilder modelBuilder, string? providerName)
    {
        if (providerName != "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            return;
        }

        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()).Where(p => p.FindAnnotation(Annotation) is not null))
        {
            property.SetColumnType("jsonb");
        }
    }
}
