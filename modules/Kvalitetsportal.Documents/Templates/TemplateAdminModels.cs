using System.ComponentModel.DataAnnotations;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Documents.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace Kvalitetsportal.Documents.Templates;

/// <summary>The upload form. After a refused upload the type and purpose come back as typed; the file must be chosen again (browsers never refill a file input).</summary>
public sealed class TemplateUploadForm
{
    [Display(Name = "Innehållstyp")]
    [Required(ErrorMessage = "Välj vilken innehållstyp mallen är till för.")]
    public string? ContentType { get; set; }

    [Display(Name = "Syfte")]
    [Required(ErrorMessage = "Skriv vad dokumentet är till för, till exempel \"Beslut vid beslutspunkt\".")]
    [StringLength(DocumentTemplate.MaxPurposeLength, ErrorMessage = "Syftet får vara högst {1} tecken.")]
    public string? Purpose { get; set; }

    [Display(Name = "Word-mall (.docx)")]
    public IFormFile? File { get; set; }
}

/// <summary>The template page: what exists, the form, and the fields each type offers.</summary>
public sealed class TemplateAdminViewModel
{
    public TemplateUploadForm Form { get; init; } = new();

    [BindNever]
    [ValidateNever]
    public IReadOnlyList<TemplateSummary> Templates { get; init; } = [];

    [BindNever]
    [ValidateNever]
    public IReadOnlyList<(ContentTypeDefinition Type, IReadOnlyList<DocumentField> Fields)> Types { get; init; } = [];

    /// <summary>Fields the refused template used, shown beside the errors so the administrator sees what was read.</summary>
    [BindNever]
    [ValidateNever]
    public IReadOnlyList<string> FoundFields { get; init; } = [];

    public static readonly IReadOnlyList<string> SuggestedPurposes =
        ["Beslut vid beslutspunkt", "Återkoppling till sökande", "Rapport intern kontroll till nämnden"];

    public string TypeName(string name) => Types.FirstOrDefault(t => t.Type.Name == name).Type?.DisplayName ?? name;
}
