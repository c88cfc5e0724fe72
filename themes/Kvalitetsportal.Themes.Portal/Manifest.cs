using Kvalitetsportal.Modules;
using Kvalitetsportal.Themes.Portal;

[assembly: Module("Kvalitetsportal.Themes.Portal", "Portaltema",
    Description = "Utseendet för medarbetare: startsida, sidhuvud och navigering.",
    Category = "Teman", IsTheme = true)]
[assembly: Feature("Themes.Portal", "Portaltema", typeof(PortalThemeStartup), AlwaysEnabled = true,
    Description = "Startsidan och sidmallen som medarbetare ser.")]
