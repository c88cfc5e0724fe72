using System.Security.Claims;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Contents.Members;
using Kvalitetsportal.Contents.Permissions;
using Kvalitetsportal.Permissions;

namespace Kvalitetsportal.Contents.Access;

/// <summary>Who asks for which kind of access to which type.</summary>
public sealed record ContentAccessRequest(ClaimsPrincipal User, string UserId, IReadOnlySet<string> Roles, ContentTypeDefinition Type, ContentAccessKind Kind);

/// <summary>
/// An item-level rule a module adds on top of the per-type permissions, e.g. a workflow that lets
/// the submitter see the item only in some states, or lets the person holding it edit it. A rule
/// gets the clauses the permissions (and earlier rules) gave and returns the clauses that apply.
/// </summary>
public interface IContentAccessRule
{
    ValueTask<IReadOnlyList<ContentAccessClause>> RefineAsync(ContentAccessRequest request, IReadOnlyList<ContentAccessClause> clauses, CancellationToken cancellationToken);
}

/// <summary>
/// The one place that decides which items a user reaches: lists, exports, the API, the detail
/// page and search all ask it, so none of them can be more generous than another.
/// </summary>
public sealed class ContentAccessService(IPermissionService permissions, IEnumerable<IContentAccessRule> rules, IContentMembers members)
{
    private readonly Dictionary<(string Type, ContentAccessKind Kind, ClaimsPrincipal User), ContentAccessScope> scopes = [];

    public async Task<ContentAccessScope> ScopeAsync(ClaimsPrincipal user, ContentTypeDefinition type, ContentAccessKind kind, CancellationToken cancellationToken = default)
    {
        if (scopes.TryGetValue((type.Name, kind, user), out var known))
        {
            return known;
        }

        var userId = ContentAuthorizer.UserId(user);
        if (userId is null)
        {
            return ContentAccessScope.None;
        }

        var (own, all) = kind switch
        {
            ContentAccessKind.View => (ContentAction.ViewOwn, ContentAction.ViewAll),
            ContentAccessKind.Edit => (ContentAction.EditOwn, ContentAction.EditAll),
            _ => (ContentAction.DeleteOwn, ContentAction.DeleteAll),
        };

        IReadOnlyList<ContentAccessClause> clauses =
            await permissions.HasPermissionAsync(user, ContentPermissions.Name(type.Name, all), cancellationToken) ? [new ContentAccessClause(type.Name)]
            : await permissions.HasPermissionAsync(user, ContentPermissions.Name(type.Name, own), cancellationToken) ? [new ContentAccessClause(type.Name, OwnerId: userId)]
            : [];

        var request = new ContentAccessRequest(user, userId, user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal), type, kind);
        foreach (var rule in rules)
        {
            clauses = await rule.RefineAsync(request, clauses, cancellationToken);
        }

        // Exclusion (jäv) and secrecy win over every grant: each clause leaves those items out.
        if (clauses.Count > 0 && await members.ClosedToAsync(type, userId, request.Roles, cancellationToken) is { Count: > 0 } closed)
        {
            clauses = [.. clauses.Select(c => c with { ExceptItems = closed })];
        }

        var scope = new ContentAccessScope(clauses);
        scopes[(type.Name, kind, user)] = scope;
        return scope;
    }

    public async Task<bool> CanAsync(ClaimsPrincipal user, ContentTypeDefinition type, ContentItem item, ContentAccessKind kind, CancellationToken cancellationToken = default) =>
        item.ContentType == type.Name && (await ScopeAsync(user, type, kind, cancellationToken)).Matches(item);
}
