using Kvalitetsportal.Idesluss;
using Kvalitetsportal.Modules;

[assembly: Module("Kvalitetsportal.Idesluss", "Idésluss",
    Description = "Medarbetarnas idéer: skicka in, pröva, bedöma med PICK, testa, genomföra och sprida som goda exempel.",
    Category = "Verksamhet")]
[assembly: Feature(IdeslussStartup.FeatureId, "Idésluss", typeof(IdeslussStartup),
    Dependencies = ["Contents", "Workflows", "Notifications", "Diarium"],
    Description = "Idéer, bedömningar och idéutmaningar med arbetsflöde, tavla, PICK-diagram, idébank och statistik.")]
