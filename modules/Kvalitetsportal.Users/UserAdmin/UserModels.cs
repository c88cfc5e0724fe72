using System.ComponentModel.DataAnnotations;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Users.UserAccounts;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace Kvalitetsportal.Users.UserAdmin;

/// <summary>The filters of the user list (query string q, roll, enhet, sida).</summary>
public sealed record UserListQuery(string? Search, string? Role, int? UnitId, int Page);

public sealed record UserRow(string Id, string DisplayName, string Email, string? UnitName, IReadOnlyList<string> Roles, LockState Lock);

public sealed class UserListPage
{
    public const int PageSize = 25;

    public required UserListQuery Query { get; init; }

    public required IReadOnlyList<UserRow> Users { get; init; }

    public required int TotalCount { get; init; }

    public required IReadOnlyList<RoleChoice> AllRoles { get; init; }

    public required IReadOnlyList<UnitOption> Units { get; init; }

    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    /// <summary>The list's address with the current filters and another page number.</summary>
    public string PageUrl(int page)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(Query.Search))
        {
            parts.Add("q=" + Uri.EscapeDataString(Query.Search));
        }

        if (!string.IsNullOrEmpty(Query.Role))
        {
            parts.Add("roll=" + Uri.EscapeDataString(Query.Role));
        }

        if (Query.UnitId is int unit)
        {
            parts.Add("enhet=" + unit);
        }

        parts.Add("sida=" + page);
        return "/admin/anvandare?" + string.Join("&", parts);
    }
}

public sealed record RoleChoice(string Name, string Description);

/// <summary>The create and edit form for an account, with the lists it chooses from.</summary>
public sealed class UserForm
{
    // In the order of the form, so that the error summary lists errors in that order.
    [Display(Name = "Namn")]
    [Required(ErrorMessage = "Skriv användarens namn.")]
    [StringLength(200, ErrorMessage = "Namnet får vara högst {1} tecken.")]
    public string DisplayName { get; set; } = "";

    [Display(Name = "E-postadress")]
    [Required(ErrorMessage = "Skriv e-postadressen.")]
    [StringLength(256, ErrorMessage = "E-postadressen får vara högst {1} tecken.")]
    [EmailAddress(ErrorMessage = "Skriv en giltig e-postadress, till exempel fornamn.efternamn@kommun.se.")]
    public string Email { get; set; } = "";

    [Display(Name = "Enhet")]
    [Required(ErrorMessage = "Välj vilken enhet användaren hör till.")]
    public int? OrganisationUnitId { get; set; }

    [Display(Name = "Roller")]
    public List<string> Roles { get; set; } = [];

    /// <summary>Required when creating; when editing, filled in only to set a new password.</summary>
    [Display(Name = "Lösenord")]
    [StringLength(200, ErrorMessage = "Lösenordet får vara högst {1} tecken.")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [Display(Name = "Spärra kontot")]
    public bool Locked { get; set; }

    // Shown, never posted.
    [BindNever, ValidateNever]
    public string? UserId { get; set; }

    [BindNever, ValidateNever]
    public LockState Lock { get; set; } = new(LockKind.None, null);

    [BindNever, ValidateNever]
    public IReadOnlyList<UnitOption> Units { get; set; } = [];

    [BindNever, ValidateNever]
    public IReadOnlyList<RoleChoice> AllRoles { get; set; } = [];

    [BindNever, ValidateNever]
    public bool IsNew => UserId is null;
}
