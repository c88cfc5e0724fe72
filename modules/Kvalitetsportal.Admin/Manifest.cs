using Kvalitetsportal.Admin;
using Kvalitetsportal.Modules;

[assembly: Module("Kvalitetsportal.Admin", "Administration",
    Description = "Administrationens startsida och hantering av moduler och funktioner.",
    Category = "Plattform")]
[assembly: Feature("Admin", "Administration", typeof(AdminStartup), AlwaysEnabled = true,
    Description = "Administrationens startsida och sidan för moduler och funktioner.")]
