using Kvalitetsportal.Modules;
using Kvalitetsportal.Recurring;

[assembly: Module("Kvalitetsportal.Recurring", "Återkommande arbete",
    Description = "Scheman som skapar ärenden varje månad, kvartal, halvår eller år, till exempel en kontroll per kontrollpunkt varje kvartal.",
    Category = "Plattform")]
[assembly: Feature(RecurringStartup.FeatureId, "Återkommande arbete", typeof(RecurringStartup), EnabledByDefault = true,
    Dependencies = ["Contents"],
    Description = "Administratörer lägger upp scheman som skapar ärenden en gång per period, också efter ett avbrott.")]
