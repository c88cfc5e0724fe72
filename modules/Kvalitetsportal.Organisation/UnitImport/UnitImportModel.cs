using System.ComponentModel.DataAnnotations;
using Kvalitetsportal.Organisation.Units;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace Kvalitetsportal.Organisation.UnitImport;

/// <summary>The upload form and, after a post, the report.</summary>
public sealed class UnitImportModel
{
    [Display(Name = "CSV-fil")]
    public IFormFile? File { get; set; }

    [Display(Name = "Kontrollera bara filen – spara ingenting")]
    public bool ValidateOnly { get; set; }

    [BindNever]
    [ValidateNever]
    public UnitImportResult? Result { get; set; }

    /// <summary>How the file was read ("UTF-8, semikolon"), so that a garbled å, ä or ö can be explained.</summary>
    [BindNever]
    [ValidateNever]
    public CsvUnitFile? ReadFile { get; set; }
}
