using Kvalitetsportal.AuditTrail.Data;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Data;
using Kvalitetsportal.Lucene.Indexing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kvalitetsportal.IntegrationTests.Workflows.WorkflowSteps;

namespace Kvalitetsportal.IntegrationTests.Workflows;

/// <summary>
/// ADR 21: Contents is the one writer, each handler runs once per save, and side effects wait for
/// the commit. Seen where it shows: one audit line and one search-log entry per move, a stale
/// edit refused after a move, and after-commit work that never runs for a rolled-back save.
/// </summary>
public sealed class ContentLifecycleTests(SuggestionPortal portal) : IClassFixture<SuggestionPortal>
{
    [Fact]
    public async Task A_transition_that_sets_a_field_is_one_save_with_one_audit_line_and_one_search_log_entry()
    {
        await portal.ArrangeAsync();
        var anna = await SignInAsync(portal, PortalFactory.EmployeeEmail);
        var bertil = await SignInAsync(portal, WorkflowPortal.AssessorEmail);
        var id = await SubmitAsync(anna, "Cykelställ vid stadshuset");
        await TakeAsync(bertil, id, "bedom");
        var before = await CountsAsync(id);
        var versionBefore = (await LatestAsync(portal, id)).Version;

        // "Besluta: genomförs" moves the item AND sets the decision date: one change of the item.
        await TakeAsync(bertil, id, "genomfors", "Bra förslag.");

        var after = await CountsAsync(id);
        var latest = await LatestAsync(portal, id);
        Assert.Equal("Genomförs", latest.WorkflowState);
        Assert.Equal(versionBefore + 1, latest.Version);
        Assert.False(string.IsNullOrEmpty(latest.GetData()["beslutsdatum"]?.ToString()));
        Assert.Equal(before.Audit + 1, after.Audit);
        Assert.Equal(before.SearchLog + 1, after.SearchLog);
    }

    [Fact]
    public async Task A_move_makes_an_edit_opened_before_it_stale()
    {
        await portal.ArrangeAsync();
        var anna = await SignInAsync(portal, PortalFactory.EmployeeEmail);
        var id = await SubmitAsync(anna, "Fler papperskorgar i parken");
        var opened = await LatestAsync(portal, id);

        await using (var scope = portal.CreateScope())
        {
            var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
            var type = (await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync(WorkflowPortal.Type))!;
            await contents.MoveAsync(type, id, opened.Revision, new ContentMove(opened.WorkflowState, null), "test");
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync();
        }

        await using (var scope = portal.CreateScope())
        {
            var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
            var type = (await scope.ServiceProvider.GetRequiredService<IContentDefinitionStore>().GetAsync(WorkflowPortal.Type))!;
            await Assert.ThrowsAsync<ContentConcurrencyException>(() =>
                contents.UpdateAsync(type, id, opened.Revision, new ContentChange("Ändrad rubrik", opened.OrganisationUnitId, opened.GetData()), opened.OwnerId, publish: true));
        }

        Assert.Null((await LatestAsync(portal, id)).AssignedTo);
        Assert.Equal("Fler papperskorgar i parken", (await LatestAsync(portal, id)).DisplayText);
    }

    [Fact]
    public async Task Work_queued_after_the_commit_runs_once_after_a_commit_and_never_after_a_rollback()
    {
        await portal.ArrangeAsync();
        await using var scope = portal.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var ran = new List<string>();

        await using (var rolledBack = await db.Database.BeginTransactionAsync())
        {
            db.AfterCommit.Add(_ => { ran.Add("rolled back"); return Task.CompletedTask; });
            await db.SaveChangesAsync();
            await rolledBack.RollbackAsync();
        }

        await using (var committed = await db.Database.BeginTransactionAsync())
        {
            db.AfterCommit.Add(_ => { ran.Add("committed"); return Task.CompletedTask; });
            await db.SaveChangesAsync();
            Assert.Empty(ran); // saved, but not yet committed
            await committed.CommitAsync();
        }

        db.AfterCommit.Add(_ => { ran.Add("saved without a transaction"); return Task.CompletedTask; });
        await db.SaveChangesAsync();

        Assert.Equal(["committed", "saved without a transaction"], ran);
    }

    private async Task<(int Audit, int SearchLog)> CountsAsync(string id)
    {
        await using var scope = portal.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return (await db.Set<AuditEvent>().CountAsync(e => e.SubjectId == id), await db.Set<IndexingTask>().CountAsync(t => t.ContentItemId == id));
    }
}
