using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Kvalitetsportal.Lucene.Similar;

/// <summary>
/// <c>GET /api/search/similar?type=Idé&amp;text=…&amp;count=5</c>: duplicate suggestions while an idea is
/// typed. Signed in with the portal's cookie like the rest of /api; a read, so no antiforgery token.
/// </summary>
public static class SimilarApi
{
    public const string Path = "/api/search/similar";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, FindAsync)
            .RequireAuthorization()
            .WithTags("Sök")
            .WithName("FindSimilarContent")
            .WithSummary("Innehåll som liknar en text")
            .WithDescription("De innehåll av typen (type) som mest liknar texten (text, högst 4 000 tecken), bland dem användaren får se; count är antalet (1–20, standard 5). 404 om typen inte finns.")
            .Produces<IReadOnlyList<SimilarItem>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<IReadOnlyList<SimilarItem>>, ProblemHttpResult>> FindAsync(
        string type, string? text, int? count, ClaimsPrincipal user, SimilarItems similar, CancellationToken cancellationToken)
    {
        var items = await similar.FindAsync(user, type, text, count ?? 5, cancellationToken);
        return items is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"Innehållstypen {type} finns inte.")
            : TypedResults.Ok(items);
    }
}
