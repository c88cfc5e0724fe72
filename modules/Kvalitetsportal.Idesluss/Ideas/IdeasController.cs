using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Fields;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Data;
using Kvalitetsportal.Idesluss.Data;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Permissions;
using Kvalitetsportal.Workflows.Definitions;
using Kvalitetsportal.Workflows.Instances;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kvalitetsportal.Idesluss.Ideas;

public sealed record IdeaHistoryRow(DateTime When, string? From, string To, string? Label, string Who, string? Comment);

public sealed record IdeaCommentRow(DateTime When, string Who, string Text);

/// <summary>One assessor's assessment as the idea page shows it.</summary>
public sealed record IdeaAssessmentView(string Assessor, PickQuadrant? Pick, DateTime When, IReadOnlyList<(string Label, string Text)> Texts);

public sealed class IdeaPageViewModel
{
    public required ContentItem Item { get; init; }

    public required ContentTypeDefinition Type { get; init; }

    public required IReadOnlyList<(string Label, string Text)> Fields { get; init; }

    public IdeaRecord? Record { get; init; }

    public string? State { get; init; }

    public string? StateDescription { get; init; }

    public string? UnitName { get; init; }

    /// <summary>Null when the reader may not learn who gave the idea.</summary>
    public string? GiverName { get; init; }

    public bool Supports { get; init; }

    public bool Follows { get; init; }

    public IReadOnlyList<IdeaHistoryRow> History { get; init; } = [];

    public IReadOnlyList<IdeaCommentRow> Comments { get; init; } = [];

    public bool MayAssess { get; init; }

    public bool MayManage { get; init; }

    public IReadOnlyList<(string Id, string Name)> Assessors { get; init; } = [];

    public string? AssessorName { get; init; }

    public string? MergedIntoTitle { get; init; }

    /// <summary>The assessments the reader may see (all for the sluice; otherwise one's own, and the others' after the final placement).</summary>
    public IReadOnlyList<IdeaAssessmentView> Assessments { get; init; } = [];

    public string? FinalPickByName { get; init; }

    /// <summary>The workflow's state lets the reader edit the idea (the giver while it is "Inskickad", the sluice always).</summary>
    public bool MayEdit { get; init; }

    /// <summary>The idea's attached files: name, download address and size in bytes.</summary>
    public IReadOnlyList<(string Name, string Url, long Size)> Attachments { get; init; } = [];
}

/// <summary>The idea's own page: the idea, where it is and why, support, follow and comments; the receipt after submitting.</summary>
[Authorize]
public sealed class IdeasController(
    IdeaQueries queries,
    IdeaService ideas,
    IContentManager contents,
    ContentAuthorizer authorizer,
    ContentIdentityVisibility identity,
    IPermissionService permissions,
    IWorkflowDefinitionStore workflows,
    PortalDbContext db,
    IUnitDirectory unitDirectory,
    IStringLocalizer<IdeasController> localizer) : Controller
{
    public const string Giver = "Idégivaren";
    private const string Hidden = "Idégivaren (namnet visas inte)";

    private string UserId => ContentAuthorizer.UserId(User)!;

    [HttpGet("ideer/{id:length(32)}")]
    public async Task<IActionResult> Display(string id, CancellationToken cancellationToken)
    {
        var (type, idea) = await VisibleAsync(id, cancellationToken);
        if (idea is null)
        {
            return NotFound();
        }

        var data = idea.GetData();
        var revealGiver = await identity.MayRevealOwnerAsync(User, type!, idea, cancellationToken);
        var record = await queries.RecordAsync(id, cancellationToken);
        var workflow = (await workflows.GetCurrentAsync(IdeaTypes.Idea, cancellationToken))?.Definition;
        var stateName = idea.WorkflowState ?? workflow?.InitialState;
        var units = await unitDirectory.LoadAsync(cancellationToken);
        var reactions = await db.Set<IdeaReaction>().AsNoTracking().Where(r => r.ContentItemId == id && r.UserId == UserId).Select(r => r.Kind).ToListAsync(cancellationToken);

        var history = await db.Set<WorkflowHistoryEntry>().AsNoTracking().Where(h => h.ContentItemId == id).OrderBy(h => h.OccurredUtc).ToListAsync(cancellationToken);
        var comments = await db.Set<IdeaComment>().AsNoTracking().Where(c => c.ContentItemId == id).OrderBy(c => c.CreatedUtc).Take(500).ToListAsync(cancellationToken);
        var mayManage = await permissions.HasPermissionAsync(User, IdeslussPermissions.ManageName, cancellationToken);
        var assessments = await AssessmentsAsync(id, record, mayManage, cancellationToken);
        var names = await queries.NamesAsync(history.Select(h => h.ActorId).Concat(comments.Select(c => c.AuthorId)).Concat(assessments.Select(a => (string?)a.Record.AssessorId)).Append(idea.OwnerId).Append(record?.AssessorId).Append(record?.FinalPickBy), cancellationToken);

        // The giver's own actions (submitting, commenting) would name them: shown as "Idégivaren" when the name is hidden.
        string Who(string? userId) => userId is null ? localizer["Idéslussen"] : userId == idea.OwnerId && !revealGiver ? localizer[Giver] : names.GetValueOrDefault(userId) ?? "–";

        var mayAssess = await MayAssessAsync(idea, record, cancellationToken);
        var shownFields = type!.OrderedFields
            .Where(f => f.Kind is not FieldKind.Files and not FieldKind.ContentReference && f.Name != IdeaTypes.NamePublic && f.Name != IdeaTypes.GoodExample)
            .Select(f => (f.Label, FieldValues.ToDisplayText(f, data[f.Name])))
            .Where(f => f.Item2.Length > 0)
            .ToList();
        var attachments = type.OrderedFields
            .Where(f => f.Kind == FieldKind.Files && data[f.Name] is System.Text.Json.Nodes.JsonArray)
            .SelectMany(f => System.Text.Json.JsonSerializer.Deserialize<List<Contents.Files.StoredFile>>(data[f.Name]!.ToJsonString(), System.Text.Json.JsonSerializerOptions.Web) ?? [])
            .Select(f => (f.Name, ContentItemUrls.File(IdeaTypes.Idea, id, f.Id), f.Size))
            .ToList();
        string? mergedTitle = record?.MergedInto is { } mergedId ? (await contents.GetLatestAsync(mergedId, cancellationToken))?.DisplayText : null;

        return View(new IdeaPageViewModel
        {
            Item = idea,
            Type = type,
            Fields = shownFields,
            Record = record,
            State = stateName,
            StateDescription = workflow?.State(stateName)?.Description,
            UnitName = units.NameOf(idea.OrganisationUnitId),
            GiverName = revealGiver ? names.GetValueOrDefault(idea.OwnerId) : null,
            Supports = reactions.Contains(ReactionKind.Support),
            Follows = reactions.Contains(ReactionKind.Follow),
            History = [.. history.Select(h => new IdeaHistoryRow(h.OccurredUtc, h.FromState, h.ToState, h.TransitionLabel, Who(h.ActorId), h.Comment))],
            Comments = [.. comments.Select(c => new IdeaCommentRow(c.CreatedUtc, Who(c.AuthorId), c.Text))],
            MayAssess = mayAssess,
            MayManage = mayManage,
            Assessors = mayManage ? await queries.AssessorsAsync(await AssessorRolesAsync(cancellationToken), cancellationToken) : [],
            AssessorName = record?.AssessorId is { } a ? names.GetValueOrDefault(a) : null,
            MergedIntoTitle = mergedTitle,
            Assessments = [.. assessments.Select(a => new IdeaAssessmentView(names.GetValueOrDefault(a.Record.AssessorId) ?? "–", a.Record.Pick, a.Record.ModifiedUtc, a.Texts))],
            FinalPickByName = record?.FinalPickBy is { } by ? names.GetValueOrDefault(by) : null,
            MayEdit = await authorizer.CanAsync(User, type, idea, ContentAction.EditOwn, cancellationToken),
            Attachments = attachments,
        });
    }

    [HttpGet("ideer/{id:length(32)}/kvitto")]
    public async Task<IActionResult> Receipt(string id, CancellationToken cancellationToken)
    {
        var (_, idea) = await VisibleAsync(id, cancellationToken);
        return idea is null || idea.OwnerId != UserId ? NotFound() : View(idea);
    }

    [HttpPost("ideer/{id:length(32)}/stod")]
    public Task<IActionResult> Support(string id, CancellationToken cancellationToken) => ToggleAsync(id, ReactionKind.Support, localizer["Du stöder idén."], localizer["Du stöder inte längre idén."], cancellationToken);

    [HttpPost("ideer/{id:length(32)}/folj")]
    public Task<IActionResult> Follow(string id, CancellationToken cancellationToken) => ToggleAsync(id, ReactionKind.Follow, localizer["Du följer idén."], localizer["Du följer inte längre idén."], cancellationToken);

    [HttpPost("ideer/{id:length(32)}/kommentar")]
    public async Task<IActionResult> Comment(string id, [FromForm] string? text, CancellationToken cancellationToken)
    {
        var (_, idea) = await VisibleAsync(id, cancellationToken);
        if (idea is null)
        {
            return NotFound();
        }

        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0 || trimmed.Length > IdeaComment.MaxLength)
        {
            // The text goes back into the box, so nothing typed is lost.
            TempData["Error"] = trimmed.Length == 0 ? localizer["Skriv en kommentar innan du skickar."].Value : localizer["Kommentaren får vara högst {0} tecken (nu {1}). Korta den och skicka igen.", IdeaComment.MaxLength, trimmed.Length].Value;
            TempData["CommentDraft"] = trimmed.Length > 0 ? trimmed[..Math.Min(trimmed.Length, 20_000)] : null;
            return Redirect(IdeaUrls.Detail(id) + "#kommentera");
        }

        await ideas.AddCommentAsync(id, UserId, trimmed, cancellationToken);
        TempData["Message"] = localizer["Din kommentar är publicerad."].Value;
        return Redirect(IdeaUrls.Detail(id) + "#kommentarer");
    }

    private async Task<IActionResult> ToggleAsync(string id, ReactionKind kind, string on, string off, CancellationToken cancellationToken)
    {
        var (_, idea) = await VisibleAsync(id, cancellationToken);
        if (idea is null)
        {
            return NotFound();
        }

        if (kind == ReactionKind.Support && idea.OwnerId == UserId)
        {
            TempData["Error"] = localizer["Du kan inte stödja din egen idé, men du kan be kollegor göra det."].Value;
            return Redirect(IdeaUrls.Detail(id));
        }

        TempData["Message"] = await ideas.ToggleAsync(id, UserId, kind, cancellationToken) ? on : off;
        return Redirect(IdeaUrls.Detail(id));
    }

    /// <summary>
    /// The idea's assessments the reader may see: all of them for those who run the sluice or may
    /// read every assessment; for an assessor their own, and the others' once the coordinator has
    /// made the final placement (so that assessors judge independently). The note to the
    /// coordinator is shown only to those who run the sluice.
    /// </summary>
    private async Task<IReadOnlyList<(IdeaAssessmentRecord Record, IReadOnlyList<(string Label, string Text)> Texts)>> AssessmentsAsync(string ideaId, IdeaRecord? record, bool mayManage, CancellationToken cancellationToken)
    {
        var all = await db.Set<IdeaAssessmentRecord>().AsNoTracking().Where(a => a.IdeaId == ideaId).OrderBy(a => a.ModifiedUtc).ToListAsync(cancellationToken);
        if (all.Count == 0)
        {
            return [];
        }

        var seesAll = mayManage || await permissions.HasPermissionAsync(User, ContentPermissions.Name(IdeaTypes.Assessment, ContentAction.ViewAll), cancellationToken);
        var assessedIt = all.Any(a => a.AssessorId == UserId);
        var shown = seesAll || (assessedIt && record?.FinalPick is not null) ? all : [.. all.Where(a => a.AssessorId == UserId)];
        var type = await queries.TypeAsync(IdeaTypes.Assessment, cancellationToken);
        var fields = type.OrderedFields
            .Where(f => f.Kind is FieldKind.ShortText or FieldKind.LongText or FieldKind.Choice
                && f.Name is not (IdeaTypes.AssessedIdea or IdeaTypes.Effect or IdeaTypes.Effort)
                && (mayManage || f.Name != IdeaTypes.PrivateNote))
            .ToList();
        var result = new List<(IdeaAssessmentRecord, IReadOnlyList<(string, string)>)>();
        foreach (var assessment in shown)
        {
            var data = (await contents.GetLatestAsync(assessment.AssessmentId, cancellationToken))?.GetData();
            IReadOnlyList<(string, string)> texts = data is null ? [] : [.. fields.Select(f => (f.Label, FieldValues.ToDisplayText(f, data[f.Name]))).Where(t => t.Item2.Length > 0)];
            result.Add((assessment, texts));
        }

        return result;
    }

    private async Task<bool> MayAssessAsync(ContentItem idea, IdeaRecord? record, CancellationToken cancellationToken) =>
        record?.AssessorId == UserId || idea.AssignedTo == Assignee.User(UserId)
        || await permissions.HasPermissionAsync(User, IdeslussPermissions.ManageName, cancellationToken);

    /// <summary>Roles granted the assess permission: their members are offered as assessors.</summary>
    private async Task<IEnumerable<string>> AssessorRolesAsync(CancellationToken cancellationToken)
    {
        var roles = await db.Set<Users.Data.PortalRole>().AsNoTracking().Select(r => r.Name!).ToListAsync(cancellationToken);
        var result = new List<string>();
        foreach (var role in roles)
        {
            if ((await permissions.GetGrantsAsync(role, cancellationToken)).Contains(IdeslussPermissions.AssessName))
            {
                result.Add(role);
            }
        }

        return result;
    }

    private async Task<(ContentTypeDefinition? Type, ContentItem? Item)> VisibleAsync(string id, CancellationToken cancellationToken)
    {
        if (!ContentItemIds.IsWellFormed(id))
        {
            return (null, null);
        }

        var type = await queries.TypeAsync(IdeaTypes.Idea, cancellationToken);
        var idea = await contents.GetLatestAsync(id, cancellationToken);
        return idea is null || idea.ContentType != IdeaTypes.Idea || !idea.Published || !await authorizer.CanAsync(User, type, idea, ContentAction.ViewOwn, cancellationToken)
            ? (type, null)
            : (type, idea);
    }
}
