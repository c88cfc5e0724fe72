using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Editing;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Contents.Queries;
using Kvalitetsportal.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kvalitetsportal.Contents.ContentApi;

/// <summary>
/// The JSON API for content: the same permissions as the pages (<see cref="ContentAuthorizer"/>,
/// <see cref="ContentListQuery"/>), signed in with the portal's cookie. Writes (POST, PUT) need
/// the antiforgery token in the <c>RequestVerificationToken</c> header (from <c>GET /api/antiforgery</c>),
/// because a cookie alone would let another site post in the user's name.
/// </summary>
public static class ContentApiEndpoints
{
    public const string AntiforgeryHeaderName = AntiforgeryHeaderFilter.HeaderName;
    public const string Tag = "Innehåll";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization().WithTags(Tag);

        api.MapGet("/antiforgery", GetAntiforgeryToken)
            .WithName("GetAntiforgeryToken")
            .WithSummary("Hämta en antiforgery-token")
            .WithDescription($"Ger en token att skicka i headern {AntiforgeryHeaderName} vid POST och PUT. Den gäller för den inloggade användaren och sessionens cookie.")
            .Produces<AntiforgeryTokenResponse>();

        api.MapGet("/content-types", ListTypes)
            .WithName("ListContentTypes")
            .WithSummary("Innehållstyper användaren får skapa eller se")
            .Produces<IReadOnlyList<ContentTypeResponse>>();

        api.MapGet("/content-types/{name}", GetContentType)
            .WithName("GetContentType")
            .WithSummary("En innehållstyp med dess fält")
            .Produces<ContentTypeResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        var content = api.MapGroup("/content/{type}");

        content.MapGet("", List)
            .WithName("ListContent")
            .WithSummary("En sida av de innehåll användaren får se")
            .WithDescription("Samma filter som listan i portalen: q (text i titeln), enhet (enhetens id), status, mina=1 (bara egna), sortering (nyast, aldst, titel, titel-omvand), sida och storlek (högst 200).")
            .Produces<ContentPageResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        content.MapGet("/{id}", Get)
            .WithName("GetContent")
            .WithSummary("Ett innehåll (senaste versionen)")
            .WithDescription("Svarar 404 både när innehållet inte finns och när användaren inte får se det. Headern ETag bär revisionen.")
            .Produces<ContentItemResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        content.MapPost("", Create)
            .AddEndpointFilter<AntiforgeryHeaderFilter>()
            .WithName("CreateContent")
            .WithSummary("Skapa ett innehåll")
            .WithDescription($"Kräver headern {AntiforgeryHeaderName}. Fälten valideras som i formuläret; fel ger 400 med meddelanden på svenska per fältnamn. Filfält kan inte sättas via API:t.")
            .Accepts<ContentWriteRequest>("application/json")
            .Produces<ContentItemResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        content.MapPut("/{id}", Update)
            .AddEndpointFilter<AntiforgeryHeaderFilter>()
            .WithName("UpdateContent")
            .WithSummary("Ändra ett innehåll")
            .WithDescription($"Kräver headern {AntiforgeryHeaderName} och revisionen som ändringen bygger på: headern If-Match: \"<revision>\" eller egenskapen revision. Har någon annan sparat under tiden blir svaret 409 med den aktuella revisionen. Alla fält ersätts (ett fält som saknas töms), utom filfält som behålls.")
            .Accepts<ContentWriteRequest>("application/json")
            .Produces<ContentItemResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

    private static AntiforgeryTokenResponse GetAntiforgeryToken(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return new AntiforgeryTokenResponse(tokens.HeaderName ?? AntiforgeryHeaderName, tokens.RequestToken!);
    }

    private static async Task<IResult> ListTypes(ClaimsPrincipal user, IContentDefinitionStore definitions, ContentAuthorizer authorizer, CancellationToken cancellationToken)
    {
        var result = new List<ContentTypeResponse>();
        foreach (var type in (await definitions.GetAllAsync(cancellationToken)).Values.OrderBy(t => t.DisplayName, StringComparer.Create(CultureInfo.GetCultureInfo("sv-SE"), false)))
        {
            if (await DescribeAsync(user, type, authorizer, cancellationToken) is { } response)
            {
                result.Add(response);
            }
        }

        return TypedResults.Ok(result);
    }

    private static async Task<IResult> GetContentType(string name, ClaimsPrincipal user, IContentDefinitionStore definitions, ContentAuthorizer authorizer, CancellationToken cancellationToken)
    {
        var type = await definitions.FindAsync(name, cancellationToken);
        return type is not null && await DescribeAsync(user, type, authorizer, cancellationToken) is { } response
            ? TypedResults.Ok(response)
            : TypeNotFound(name);
    }

    private static async Task<IResult> List(string type, HttpRequest request, ClaimsPrincipal user, IContentDefinitionStore definitions, ContentAuthorizer authorizer, ContentListQuery query, ContentIdentityVisibility identity, CancellationToken cancellationToken)
    {
        var definition = await definitions.FindAsync(type, cancellationToken);
        if (definition is null)
        {
            return TypeNotFound(type);
        }

        if (!await CanViewAnyAsync(user, definition, authorizer, cancellationToken))
        {
            return Forbidden($"Du har inte behörighet att se {definition.DisplayName}.");
        }

        var page = await query.PageAsync(user, definition, ContentListParameters.Parse(request.Query), cancellationToken);
        var items = new List<ContentItemResponse>(page.Items.Count);
        foreach (var item in page.Items)
        {
            items.Add(ContentItemResponse.From(item, await identity.MayRevealOwnerAsync(user, definition, item, cancellationToken)));
        }

        return TypedResults.Ok(new ContentPageResponse(items, page.TotalCount, page.Page, page.PageSize));
    }

    private static async Task<IResult> Get(string type, string id, HttpResponse response, ClaimsPrincipal user, IContentDefinitionStore definitions, VisibleContentItems visible, ContentIdentityVisibility identity, CancellationToken cancellationToken)
    {
        var definition = await definitions.FindAsync(type, cancellationToken);
        if (definition is null)
        {
            return TypeNotFound(type);
        }

        var item = await visible.FindAsync(user, definition, id, cancellationToken);
        if (item is null)
        {
            return ItemNotFound();
        }

        SetETag(response, item);
        return TypedResults.Ok(ContentItemResponse.From(item, await identity.MayRevealOwnerAsync(user, definition, item, cancellationToken)));
    }

    private static async Task<IResult> Create(
        string type,
        HttpContext context,
        IContentDefinitionStore definitions,
        ContentAuthorizer authorizer,
        IContentManager content,
        ContentApiInput input,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var user = context.User;
        var definition = await definitions.FindAsync(type, cancellationToken);
        if (definition is null)
        {
            return TypeNotFound(type);
        }

        if (!await authorizer.CanCreateAsync(user, definition, cancellationToken))
        {
            return Forbidden($"Du har inte behörighet att skapa {definition.DisplayName}.");
        }

        var (body, bodyError) = await ReadBodyAsync(context, cancellationToken);
        if (body is null)
        {
            return bodyError!;
        }

        var read = await input.ReadAsync(definition, body, null, cancellationToken);
        if (!read.IsValid)
        {
            return Invalid(read.Errors);
        }

        var userId = ContentAuthorizer.UserId(user)!;
        var item = await content.CreateAsync(definition, read.Change!, userId, body.Publish, cancellationToken);
        loggers.CreateLogger(typeof(ContentApiEndpoints)).LogInformation("API: user {UserId} created {ContentType} {ContentItemId}", userId, definition.Name, item.ContentItemId);
        SetETag(context.Response, item);
        return TypedResults.Created($"/api/content/{definition.Name}/{item.ContentItemId}", ContentItemResponse.From(item, revealOwner: true));
    }

    private static async Task<IResult> Update(
        string type,
        string id,
        HttpContext context,
        IContentDefinitionStore definitions,
        ContentAuthorizer authorizer,
        VisibleContentItems visible,
        EditWithConflictCheck edit,
        ContentApiInput input,
        ContentIdentityVisibility identity,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var user = context.User;
        var definition = await definitions.FindAsync(type, cancellationToken);
        if (definition is null)
        {
            return TypeNotFound(type);
        }

        var existing = await visible.FindAsync(user, definition, id, cancellationToken);
        if (existing is null)
        {
            return ItemNotFound();
        }

        if (!await authorizer.CanAsync(user, definition, existing, ContentAction.EditOwn, cancellationToken))
        {
            return Forbidden("Du har inte behörighet att ändra det här innehållet.");
        }

        // A type with its module's own edit form (which leaves others' fields alone) is changed there, not by replacing every field.
        if (await context.RequestServices.GetRequiredService<ContentItemPages>().OwnEditorForAsync(user, definition.Name, existing.ContentItemId, cancellationToken) is { } ownEditor)
        {
            return Forbidden($"Det här innehållet ändras på sin egen sida: {ownEditor}");
        }

        var (body, bodyError) = await ReadBodyAsync(context, cancellationToken);
        if (body is null)
        {
            return bodyError!;
        }

        var expected = IfMatchRevision(context.Request) ?? body.Revision;
        if (expected is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status428PreconditionRequired,
                title: "Revision saknas.",
                detail: "Ange revisionen ändringen bygger på, i headern If-Match: \"<revision>\" eller i egenskapen revision.");
        }

        if (expected != existing.Revision)
        {
            return Conflict(existing.Revision);
        }

        var read = await input.ReadAsync(definition, body, existing, cancellationToken);
        if (!read.IsValid)
        {
            return Invalid(read.Errors);
        }

        var userId = ContentAuthorizer.UserId(user)!;
        var result = await edit.SaveAsync(definition, existing.ContentItemId, expected.Value, read.Change!, userId, body.Publish, cancellationToken);
        switch (result.Outcome)
        {
            case EditOutcome.Conflict:
                return Conflict(result.Item!.Revision);
            case EditOutcome.Removed:
                return ItemNotFound();
        }

        var saved = result.Item!;
        loggers.CreateLogger(typeof(ContentApiEndpoints)).LogInformation("API: user {UserId} updated {ContentType} {ContentItemId}", userId, definition.Name, saved.ContentItemId);
        SetETag(context.Response, saved);
        return TypedResults.Ok(ContentItemResponse.From(saved, await identity.MayRevealOwnerAsync(user, definition, saved, cancellationToken)));
    }

    private static async Task<ContentTypeResponse?> DescribeAsync(ClaimsPrincipal user, ContentTypeDefinition type, ContentAuthorizer authorizer, CancellationToken cancellationToken)
    {
        var canCreate = await authorizer.CanCreateAsync(user, type, cancellationToken);
        var canViewAll = await authorizer.CanViewAllAsync(user, type, cancellationToken);
        var canView = canViewAll || await authorizer.CanViewAnyAsync(user, type, cancellationToken);
        return canCreate || canView ? ContentTypeResponse.From(type, canCreate, canViewAll) : null;
    }

    private static Task<bool> CanViewAnyAsync(ClaimsPrincipal user, ContentTypeDefinition type, ContentAuthorizer authorizer, CancellationToken cancellationToken) =>
        authorizer.CanViewAnyAsync(user, type, cancellationToken);

    private static async Task<(ContentWriteRequest? Body, IResult? Error)> ReadBodyAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!context.Request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Skicka innehållet som JSON (Content-Type: application/json)."));
        }

        try
        {
            var options = context.RequestServices.GetService(typeof(IOptions<JsonOptions>)) is IOptions<JsonOptions> json ? json.Value.SerializerOptions : JsonSerializerOptions.Web;
            var body = await context.Request.ReadFromJsonAsync<ContentWriteRequest>(options, cancellationToken);
            return body is null
                ? (null, Invalid(new Dictionary<string, string[]> { [""] = ["Begäran saknar innehåll."] }))
                : (body, null);
        }
        catch (JsonException ex)
        {
            var key = ex.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "";
            return (null, Invalid(new Dictionary<string, string[]> { [key] = ["Värdet har fel format eller är inte giltig JSON."] }));
        }
    }

    /// <summary>The revision in <c>If-Match: "5"</c> (also W/"5" or a bare 5).</summary>
    private static int? IfMatchRevision(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        value = value.Trim('"');
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : null;
    }

    private static void SetETag(HttpResponse response, ContentItem item) =>
        response.Headers.ETag = $"\"{item.Revision.ToString(CultureInfo.InvariantCulture)}\"";

    private static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "Uppgifterna kunde inte sparas.", detail: "Rätta felen och försök igen.");

    private static ProblemHttpResult Conflict(int currentRevision) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Innehållet har ändrats av någon annan.",
        detail: $"Hämta den aktuella versionen (revision {currentRevision}) och gör ändringen på nytt.",
        extensions: new Dictionary<string, object?> { ["currentRevision"] = currentRevision });

    private static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Du saknar behörighet.", detail: detail);

    private static ProblemHttpResult TypeNotFound(string name) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Innehållstypen finns inte.", detail: $"Det finns ingen innehållstyp \"{name}\" som du har tillgång till.");

    private static ProblemHttpResult ItemNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Innehållet finns inte.", detail: "Innehållet finns inte eller så har du inte behörighet att se det.");
}
