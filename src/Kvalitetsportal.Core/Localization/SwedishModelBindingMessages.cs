using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Kvalitetsportal.Hosting;

/// <summary>MVC's built-in binding errors are English; users see these instead.</summary>
internal static class SwedishModelBindingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider provider)
    {
        provider.SetMissingBindRequiredValueAccessor(name => $"Ett värde för \"{name}\" saknas.");
        provider.SetMissingKeyOrValueAccessor(() => "Ett värde saknas.");
        provider.SetMissingRequestBodyRequiredValueAccessor(() => "Formuläret kom fram tomt. Försök igen.");
        provider.SetValueMustNotBeNullAccessor(value => $"Fältet får inte vara tomt.");
        provider.SetAttemptedValueIsInvalidAccessor((value, name) => $"\"{value}\" är inte ett giltigt värde för {name}.");
        provider.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"\"{value}\" är inte ett giltigt värde.");
        provider.SetUnknownValueIsInvalidAccessor(name => $"Värdet för {name} är ogiltigt.");
        provider.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Värdet är ogiltigt.");
        provider.SetValueIsInvalidAccessor(value => $"\"{value}\" är ogiltigt.");
        provider.SetValueMustBeANumberAccessor(name => $"{name} måste vara ett tal.");
        provider.SetNonPropertyValueMustBeANumberAccessor(() => "Värdet måste vara ett tal.");
    }
}
