using Kvalitetsportal.InternKontroll;
using Kvalitetsportal.Modules;

[assembly: Module("Kvalitetsportal.InternKontroll", "Intern kontroll",
    Description = "Nämndernas och bolagens interna kontroll: processregister, internkontrollplan med kontrollmoment, kvartalets kontroller, avvikelser och åtgärder, uppföljning till nämnden och Kommunstyrelsens samlade bild.",
    Category = "Verksamhet")]
[assembly: Feature(InternKontrollStartup.FeatureId, "Intern kontroll", typeof(InternKontrollStartup),
    Dependencies = ["Contents", "Workflows", "Recurring", "Documents"],
    Description = "Internkontrollplaner per nämnd och år med arbetsflöde, nämndens beslut, kvartalsvisa kontroller, åtgärder med påminnelser och rapport i Word.")]
