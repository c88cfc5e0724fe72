using System.ComponentModel.DataAnnotations;
using Kvalitetsportal.Permissions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace Kvalitetsportal.Users.RoleAdmin;

public sealed record RoleRow(string Id, string Name, string Description, int UserCount);

public sealed record PermissionGroup(string FeatureName, IReadOnlyList<Permission> Permissions);

public sealed class RoleCreateForm
{
    [Display(Name = "Namn")]
    [Required(ErrorMessage = "Skriv rollens namn.")]
    [StringLength(100, ErrorMessage = "Namnet får vara högst {1} tecken.")]
    public string Name { get; set; } = "";

    [Display(Name = "Beskrivning")]
    [StringLength(500, ErrorMessage = "Beskrivningen får vara högst {1} tecken.")]
    public string? Description { get; set; }
}

/// <summary>A role's description and permissions. The name is shown, not changed: grants are stored by it.</summary>
public sealed class RoleEditForm
{
    [Display(Name = "Beskrivning")]
    [StringLength(500, ErrorMessage = "Beskrivningen får vara högst {1} tecken.")]
    public string? Description { get; set; }

    [Display(Name = "Behörigheter")]
    public List<string> Permissions { get; set; } = [];

    [BindNever, ValidateNever]
    public string Id { get; set; } = "";

    [BindNever, ValidateNever]
    public string Name { get; set; } = "";

    [BindNever, ValidateNever]
    public int UserCount { get; set; }

    [BindNever, ValidateNever]
    public IReadOnlyList<PermissionGroup> Groups { get; set; } = [];

    [BindNever, ValidateNever]
    public bool IsAdministrator => Name == WellKnownRoles.Administrator;
}
