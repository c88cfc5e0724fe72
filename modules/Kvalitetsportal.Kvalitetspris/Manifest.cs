using Kvalitetsportal.Kvalitetspris;
using Kvalitetsportal.Modules;

[assembly: Module("Kvalitetsportal.Kvalitetspris", "Kvalitetspriset Nya steg",
    Description = "Kommunens kvalitetspris: prisomgångar, ansökningar i fyra områden, chefens tillstyrkan, jury och beslut.",
    Category = "Verksamhet")]
[assembly: Feature(KvalitetsprisStartup.FeatureId, "Kvalitetspriset", typeof(KvalitetsprisStartup),
    Dependencies = ["Contents", "Workflows", "Diarium", "Recurring"],
    Description = "Prisomgångar och ansökningar med arbetsflöde, diarienummer, kvitto och en ny omgång varje år.")]
