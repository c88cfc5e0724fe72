using Kvalitetsportal.Diarium;
using Kvalitetsportal.Modules;

[assembly: Module("Kvalitetsportal.Diarium", "Diarium",
    Description = "Diarienummer: nummerserier per innehållstyp, som \"KS 2026/0123\", utan luckor och dubbletter.",
    Category = "Plattform")]
[assembly: Feature(DiariumStartup.FeatureId, "Diarienummer", typeof(DiariumStartup), EnabledByDefault = true,
    Dependencies = ["Contents", "Workflows"],
    Description = "Ger ärenden ett diarienummer när de skapas eller når ett valt steg i arbetsflödet; visas på kvitton, sidor, i e-post och export, och går att söka på.")]
