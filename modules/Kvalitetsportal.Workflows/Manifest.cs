using Kvalitetsportal.Modules;
using Kvalitetsportal.Workflows;

[assembly: Module("Kvalitetsportal.Workflows", "Arbetsflöden",
    Description = "Arbetsflöden per innehållstyp som administratörer formar: steg, övergångar, e-post, påminnelser och historik.",
    Category = "Plattform")]
[assembly: Feature("Workflows", "Arbetsflöden", typeof(WorkflowsStartup), EnabledByDefault = true,
    Dependencies = ["Contents", "Notifications"],
    Description = "Steg och övergångar för innehåll, med behörigheter, aktiviteter, timrar och historik per ärende.")]
