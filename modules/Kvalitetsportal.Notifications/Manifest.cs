using Kvalitetsportal.Modules;
using Kvalitetsportal.Notifications;

[assembly: Module("Kvalitetsportal.Notifications", "Notiser",
    Description = "Notiser i portalen, e-post för den som vill ha det, och utkorgen som skickar e-post och webhooks efter att ändringen sparats.",
    Category = "Plattform")]
[assembly: Feature(NotificationsStartup.FeatureId, "Notiser och e-post", typeof(NotificationsStartup), AlwaysEnabled = true,
    Dependencies = ["Users"],
    Description = "Notiser till användare, deras val av e-post, och utskick av e-post och webhooks med omförsök.")]
