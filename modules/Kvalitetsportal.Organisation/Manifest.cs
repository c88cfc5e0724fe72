using Kvalitetsportal.Modules;
using Kvalitetsportal.Organisation;
using Kvalitetsportal.Organisation.UnitImport;

[assembly: Module("Kvalitetsportal.Organisation", "Organisation",
    Description = "Kommunens organisationsträd: nämnder, förvaltningar, enheter och bolag.",
    Category = "Plattform")]
[assembly: Feature("Organisation", "Organisation", typeof(OrganisationStartup), AlwaysEnabled = true,
    Description = "Organisationsträdet som alla moduler hänvisar till.")]
[assembly: Feature("Organisation.Import", "Import av organisation", typeof(OrganisationImportStartup), Dependencies = ["Organisation"],
    Description = "Läs in nämnder, förvaltningar, enheter och bolag från en CSV-fil från Excel. Enheter läggs till eller uppdateras efter kod.")]
