using Kvalitetsportal.Modules;
using Kvalitetsportal.Users;

[assembly: Module("Kvalitetsportal.Users", "Användare",
    Description = "Konton, inloggning, roller och behörigheter.",
    Category = "Plattform")]
[assembly: Feature("Users", "Användare och roller", typeof(UsersStartup), AlwaysEnabled = true,
    Dependencies = ["Organisation"],
    Description = "Lokala konton med lösenordsregler och spärr, roller och rollernas behörigheter.")]
