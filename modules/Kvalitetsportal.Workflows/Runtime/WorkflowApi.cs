using System.Globalization;
using System.Security.Claims;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Hosting;
using Kvalitetsportal.Workflows.Decisions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Kvalitetsportal.Workflows.Runtime;

/// <summary>The request body of a transition through the API.</summary>
public sealed class TransitionRequest
{
    public string? Transition { get; set; }

    public string? Comment { get; set; }

    /// <summary>For a transition that requires a decision: who decided, date (yyyy-MM-dd), §, outcome, conditions (attachments through the page).</summary>
    public DecisionInput? Decision { get; set; }

    /// <summary>The instance revision the client saw (or send If-Match); a move by someone else in between gives 409.</summary>
    public int? Revision { get; set; }
}

public sealed record TransitionResponse(string State, int Revision, string Message);

public sealed record WorkflowResponse(
    string State,
    string StateDescription,
    bool Final,
    string? Holder,
    string? AssignedTo,
    DateTime EnteredState,
    int Revision,
    int DefinitionVersion,
    IReadOnlyList<TransitionOption> Transitions,
    IReadOnlyList<HistoryRow> History);

/// <summary>
/// An item's workflow through the JSON API, with the same rules as the page: GET shows state,
/// holder, the caller's transitions and the history; POST takes a transition (antiforgery
/// header required, as for the content API).
/// </summary>
public static class WorkflowApi
{
    public static IEndpointRouteBuilder MapWorkflowRuntime(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/content/{type}/{id}/workflow").RequireAuthorization().WithTags("Arbetsflöden");

        api.MapGet("", GetAsync)
            .WithName("GetContentWorkflow")
            .WithSummary("Ett innehålls arbetsflöde: steg, vem som har det, dina möjliga steg och historiken")
            .Produces<WorkflowResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/transitions", TakeAsync)
            .AddEndpointFilter<AntiforgeryHeaderFilter>()
            .WithName("TakeContentTransition")
            .WithSummary("Ta ett steg i arbetsflödet")
            .WithDescription($"Kräver headern {AntiforgeryHeaderFilter.HeaderName}. Ange revisionen (If-Match eller revision) för att inte ta ett steg på ett ärende som någon annan just har flyttat: då blir svaret 409.")
            .Accepts<TransitionRequest>("application/json")
            .Produces<TransitionResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/decisions", DecisionsAsync)
            .WithName("GetContentDecisions")
            .WithSummary("Besluten som fattats om ett innehåll: vem, datum, paragraf, utfall, villkor och bilagor")
            .Produces<IReadOnlyList<DecisionView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> DecisionsAsync(string type, string id, ClaimsPrincipal user, IContentDefinitionStore definitions, VisibleContentItems visible, IDecisionQuery decisions, CancellationToken cancellationToken)
    {
        // Only an item the caller may open: the same clause as the item itself.
        var (definition, item) = await FindVisibleAsync(type, id, user, definitions, visible, cancellationToken);
        return definition is null || item is null ? NotFound() : TypedResults.Ok(await decisions.ForItemAsync(item.ContentItemId, cancellationToken));
    }

    private static async Task<IResult> GetAsync(string type, string id, ClaimsPrincipal user, IContentDefinitionStore definitions, VisibleContentItems visible, ItemWorkflowQuery query, CancellationToken cancellationToken)
    {
        var (definition, item) = await FindVisibleAsync(type, id, user, definitions, visible, cancellationToken);
        if (definition is null || item is null || await query.DescribeAsync(user, definition, item, cancellationToken) is not { } view)
        {
            return NotFound();
        }

        // The raw holder names a user by id: not given out when it is the submitter and the reader may not learn who that is.
        var assignedTo = item.AssignedTo == Kvalitetsportal.Contents.Access.Assignee.User(item.OwnerId) && view.HolderName == ItemWorkflowQuery.HiddenOwnerName ? null : item.AssignedTo;
        return TypedResults.Ok(new WorkflowResponse(view.State, view.StateDescription, view.Final, view.HolderName, assignedTo, DateTime.SpecifyKind(view.EnteredStateUtc, DateTimeKind.Utc), view.Revision, view.DefinitionVersion, view.Transitions, view.History));
    }

    private static async Task<IResult> TakeAsync(string type, string id, TransitionRequest body, HttpRequest request, ClaimsPrincipal user, IContentDefinitionStore definitions, WorkflowEngine engine, CancellationToken cancellationToken)
    {
        var definition = await definitions.GetAsync(type, cancellationToken);
        if (definition is null || !ContentItemIds.IsWellFormed(id))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(body.Transition))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["transition"] = ["Ange vilket steg som ska tas (transition)."] }, title: "Steget kunde inte tas.");
        }

        // The engine checks that the user may see the item (404 otherwise) and everything else.
        var result = await engine.TakeWithDecisionAsync(user, id, body.Transition, body.Comment, body.Decision, IfMatch(request) ?? body.Revision, definition.Name, cancellationToken);
        return result.Outcome switch
        {
            TransitionOutcome.Done => TypedResults.Ok(new TransitionResponse(result.State!, result.Revision, result.Message)),
            TransitionOutcome.Invalid => TypedResults.ValidationProblem(
                result.Errors.ToDictionary(e => e.Key.Length == 0 ? "" : char.ToLowerInvariant(e.Key[0]) + e.Key[1..], e => new[] { e.Value }),
                title: "Steget kunde inte tas.", detail: result.Message),
            TransitionOutcome.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Du saknar behörighet.", detail: result.Message),
            TransitionOutcome.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Ärendet har redan flyttats.", detail: result.Message,
                extensions: new Dictionary<string, object?> { ["state"] = result.State, ["currentRevision"] = result.Revision }),
            _ => NotFound(),
        };
    }

    private static async Task<(ContentTypeDefinition? Type, ContentItem? Item)> FindVisibleAsync(string type, string id, ClaimsPrincipal user, IContentDefinitionStore definitions, VisibleContentItems visible, CancellationToken cancellationToken)
    {
        var definition = await definitions.GetAsync(type, cancellationToken);
        return definition is null ? (null, null) : (definition, await visible.FindAsync(user, definition, id, cancellationToken));
    }

    private static int? IfMatch(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        value = (value.StartsWith("W/", StringComparison.Ordinal) ? value[2..] : value).Trim('"');
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : null;
    }

    private static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Ärendet finns inte.", detail: "Ärendet finns inte, har inget arbetsflöde eller så får du inte se det.");
}
