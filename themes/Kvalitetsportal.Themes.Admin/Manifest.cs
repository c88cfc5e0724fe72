using Kvalitetsportal.Modules;
using Kvalitetsportal.Themes.Admin;

[assembly: Module("Kvalitetsportal.Themes.Admin", "Administrationstema",
    Description = "Utseendet för administrationen: sidmall med administrationsmeny.",
    Category = "Teman", IsTheme = true)]
[assembly: Feature("Themes.Admin", "Administrationstema", typeof(AdminThemeStartup), AlwaysEnabled = true,
    Description = "Sidmallen för administrationssidorna.")]
