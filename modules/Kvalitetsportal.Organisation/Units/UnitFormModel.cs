using System.ComponentModel.DataAnnotations;
using Kvalitetsportal.Organisation.Data;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace Kvalitetsportal.Organisation.Units;

/// <summary>The add and edit form of a unit.</summary>
public sealed class UnitFormModel
{
    [Display(Name = "Kod")]
    [Required(ErrorMessage = "Skriv en kod för enheten.")]
    [StringLength(OrganisationUnit.MaxCodeLength, ErrorMessage = "Koden får vara högst {1} tecken.")]
    public string Code { get; set; } = "";

    [Display(Name = "Namn")]
    [Required(ErrorMessage = "Skriv enhetens namn.")]
    [StringLength(OrganisationUnit.MaxNameLength, ErrorMessage = "Namnet får vara högst {1} tecken.")]
    public string Name { get; set; } = "";

    [Display(Name = "Typ")]
    [Required(ErrorMessage = "Välj vilken typ av enhet det är.")]
    public UnitKind? Kind { get; set; }

    [Display(Name = "Överordnad")]
    public int? ParentId { get; set; }

    [Display(Name = "Chef (e-postadress)")]
    [StringLength(256, ErrorMessage = "E-postadressen får vara högst {1} tecken.")]
    public string? ManagerEmail { get; set; }

    /// <summary>Whether the portal can look people up (the Users module); without it the manager is not asked for.</summary>
    [BindNever]
    [ValidateNever]
    public bool CanChooseManager { get; set; }

    /// <summary>Set by the controller for the edit page; never bound from the form.</summary>
    [BindNever]
    [ValidateNever]
    public OrganisationUnit? Unit { get; set; }

    /// <summary>The units that may be chosen as parent, in tree order; filled by the controller.</summary>
    [BindNever]
    [ValidateNever]
    public IReadOnlyList<UnitNode> ParentChoices { get; set; } = [];

    /// <summary>Active units directly under the unit (edit page), which stop it from being retired.</summary>
    [BindNever]
    [ValidateNever]
    public IReadOnlyList<OrganisationUnit> ActiveChildren { get; set; } = [];
}
