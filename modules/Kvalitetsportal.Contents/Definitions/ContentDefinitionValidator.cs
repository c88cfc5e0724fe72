namespace Kvalitetsportal.Contents.Definitions;

/// <summary>Checks a definition before it is saved, so a broken type never reaches a user's form.</summary>
public static class ContentDefinitionValidator
{
    public static IReadOnlyList<string> Validate(ContentTypeDefinition type, IReadOnlyDictionary<string, ContentTypeDefinition> existing)
    {
        var problems = new List<string>();
        if (!ContentTypeDefinition.IsValidTypeName(type.Name))
        {
            problems.Add($"Det tekniska namnet \"{type.Name}\" måste börja med en stor bokstav och bara innehålla bokstäverna A–Z och siffror (2–64 tecken).");
        }

        if (string.IsNullOrWhiteSpace(type.DisplayName) || type.DisplayName.Length > 200)
        {
            problems.Add("Typen måste ha ett namn på högst 200 tecken.");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in type.Fields)
        {
            var label = string.IsNullOrWhiteSpace(field.Label) ? field.Name : field.Label;
            if (!ContentTypeDefinition.IsValidFieldName(field.Name))
            {
                problems.Add($"Fältet \"{label}\": det tekniska namnet \"{field.Name}\" måste börja med en liten bokstav och bara innehålla bokstäverna A–Z och siffror.");
            }
            else if (!seen.Add(field.Name))
            {
                problems.Add($"Det finns två fält med det tekniska namnet \"{field.Name}\".");
            }

            if (string.IsNullOrWhiteSpace(field.Label) || field.Label.Length > 200)
            {
                problems.Add($"Fältet \"{field.Name}\" måste ha en etikett på högst 200 tecken.");
            }

            if (field.MaxLength is <= 0)
            {
                problems.Add($"Fältet \"{label}\": största längd måste vara större än noll.");
            }

            if (field.Min is decimal min && field.Max is decimal max && min > max)
            {
                problems.Add($"Fältet \"{label}\": minsta värdet är större än största värdet.");
            }

            if (field.Kind == FieldKind.Choice && !field.Choices.Any(c => !string.IsNullOrWhiteSpace(c)))
            {
                problems.Add($"Fältet \"{label}\" är ett val men har inga alternativ.");
            }

            if (field.Kind == FieldKind.Choice && field.Choices.Distinct(StringComparer.OrdinalIgnoreCase).Count() != field.Choices.Count)
            {
                problems.Add($"Fältet \"{label}\" har samma alternativ två gånger.");
            }

            // No referenced type means "an item of any type" (a risk belongs to a plan, a project or a procurement).
            if (field.Kind == FieldKind.ContentReference && field.ReferencedType is not null && !existing.ContainsKey(field.ReferencedType) && field.ReferencedType != type.Name)
            {
                problems.Add($"Fältet \"{label}\" hänvisar till en innehållstyp som inte finns.");
            }

            if (field.Kind == FieldKind.Files && field.AllowedExtensions.Count == 0)
            {
                problems.Add($"Fältet \"{label}\" tar emot filer men anger inga tillåtna filtyper.");
            }
        }

        return problems;
    }
}
