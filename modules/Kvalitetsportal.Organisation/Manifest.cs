using Kvalitetsportal.Modules;
using Kvalitetsportal.Organisation;

[assembly: Module("Kvalitetsportal.Organisation", "Organisation",
    Description = "Kommunens organisationsträd: nämnder, förvaltningar, enheter och bolag.",
    Category = "Plattform")]
[assembly: Feature("Organisation", "Organisation", typeof(OrganisationStartup), AlwaysEnabled = true,
    Description = "Organisationsträdet som alla moduler hänvisar till, med import från CSV.")]
