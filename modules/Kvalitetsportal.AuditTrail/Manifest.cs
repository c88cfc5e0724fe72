using Kvalitetsportal.AuditTrail;
using Kvalitetsportal.Modules;

[assembly: Module("Kvalitetsportal.AuditTrail", "Granskningslogg",
    Description = "Vem ändrade vad och när: innehåll, behörigheter, användare och funktioner.",
    Category = "Plattform")]
[assembly: Feature("AuditTrail", "Granskningslogg", typeof(AuditTrailStartup), AlwaysEnabled = true,
    Dependencies = ["Contents"],
    Description = "Registrerar ändringar i samma transaktion som ändringen och visar dem för den som får granska.")]
