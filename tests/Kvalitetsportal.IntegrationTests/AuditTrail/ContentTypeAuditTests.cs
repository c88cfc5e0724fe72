using Kvalitetsportal.AuditTrail.Data;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.IntegrationTests.AuditTrail;

public sealed class ContentTypeAuditTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Creating_and_changing_a_content_type_is_in_the_audit_trail_with_the_field_change()
    {
        await using (var scope = portal.CreateScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>();
            var type = new ContentTypeDefinition
            {
                Name = "Granskad",
                DisplayName = "Granskad typ",
                Fields = [new() { Name = "text", Label = "Beskrivning", Kind = FieldKind.ShortText }],
            };
            Assert.Empty(await store.SaveAsync(type));
            type.Fields[0].Required = true;
            Assert.Empty(await store.SaveAsync(type));
            Assert.Empty(await store.SaveAsync(type)); // nothing changed: no event
        }

        await using var check = portal.CreateScope();
        var events = await check.ServiceProvider.GetRequiredService<PortalDbContext>().Set<AuditEvent>()
            .Where(e => e.SubjectId == "Granskad").OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["Created", "Updated"], events.Select(e => e.Action));
        Assert.Contains("obligatoriskt", events[1].Changes);
        Assert.Contains("Beskrivning", events[1].Changes);
    }
}
