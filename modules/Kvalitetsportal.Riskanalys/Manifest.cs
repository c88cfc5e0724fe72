using Kvalitetsportal.Modules;
using Kvalitetsportal.Riskanalys;

[assembly: Module("Kvalitetsportal.Riskanalys", "Riskanalys",
    Description = "Ett riskregister som alla moduler kan använda: identifiera, beskriva, värdera och behandla risker (kvalitetshandboken s. 31–32).",
    Category = "Verksamhet")]
[assembly: Feature(RiskanalysStartup.FeatureId, "Riskanalys", typeof(RiskanalysStartup),
    Dependencies = ["Contents", "Workflows"],
    Description = "Risker med sannolikhet × konsekvens på en riskmatris som administratören ställer in, värmekarta med tabell, behandling, restrisk och historik.")]
