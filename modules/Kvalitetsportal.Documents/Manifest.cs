using Kvalitetsportal.Documents;
using Kvalitetsportal.Modules;

[assembly: Module("Kvalitetsportal.Documents", "Dokument",
    Description = "Word-mallar per innehållstyp som fylls i med ärendets uppgifter, historik och beslut.",
    Category = "Plattform")]
[assembly: Feature(DocumentsStartup.FeatureId, "Dokument från mallar", typeof(DocumentsStartup), EnabledByDefault = true,
    Dependencies = ["Contents", "Workflows"],
    Description = "Administratörer laddar upp Word-mallar (.docx) med fält; den som får läsa ett ärende hämtar dokumentet ifyllt.")]
