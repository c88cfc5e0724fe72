using Kvalitetsportal.Modules;
using Kvalitetsportal.PublicDuties;

[assembly: Module("Kvalitetsportal.PublicDuties", "Personuppgifter och tillgänglighet",
    Description = "Kommunens skyldigheter mot den enskilde: registerutdrag, radering och tillgänglighetsredogörelse.",
    Category = "Plattform")]
[assembly: Feature("PublicDuties", "Registerutdrag, radering och tillgänglighetsredogörelse", typeof(PublicDutiesStartup), AlwaysEnabled = true,
    Dependencies = ["Users", "Notifications"],
    Description = "Dataskyddsförordningen (art. 15 och 17) och lagen om tillgänglighet till digital offentlig service gäller alltid, så funktionen kan inte stängas av.")]
