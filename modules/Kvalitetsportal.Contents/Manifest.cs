using Kvalitetsportal.Contents;
using Kvalitetsportal.Modules;

[assembly: Module("Kvalitetsportal.Contents", "Innehåll",
    Description = "Innehållstyper med fält som administratörer formar, och allt som användare skapar av dem.",
    Category = "Plattform")]
[assembly: Feature("Contents", "Innehåll", typeof(ContentsStartup), AlwaysEnabled = true,
    Dependencies = ["Users", "Organisation"],
    Description = "Innehållstyper, formulär, listor, versioner och behörigheter per typ.")]
