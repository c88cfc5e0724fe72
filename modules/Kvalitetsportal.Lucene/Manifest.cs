using Kvalitetsportal.Lucene;
using Kvalitetsportal.Modules;

[assembly: Module("Kvalitetsportal.Lucene", "Sök",
    Description = "Sökning i allt innehåll med svensk språkhantering; varje träff kontrolleras mot läsarens behörighet.",
    Category = "Plattform")]
[assembly: Feature("Lucene", "Sök", typeof(LuceneStartup),
    Dependencies = ["Contents"],
    Description = "Sökruta i sidhuvudet, träfflista med markerade utdrag och filter, liknande ärenden och ett index per server som hålls aktuellt från en ändringslogg.")]
