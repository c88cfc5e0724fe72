using System.Globalization;
using Kvalitetsportal.Contents.Files;

namespace Kvalitetsportal.Workflows.Decisions;

/// <summary>What the user typed for a decision (strings, as posted: nothing is lost when it is shown again).</summary>
public sealed record DecisionInput
{
    /// <summary>"Person" or "Body".</summary>
    public string? DeciderKind { get; init; }

    public string? DecidedBy { get; init; }

    /// <summary>yyyy-MM-dd (an input of type date).</summary>
    public string? Date { get; init; }

    public string? Paragraph { get; init; }

    public string? Outcome { get; init; }

    public string? Conditions { get; init; }

    /// <summary>Already checked and stored by the caller (<see cref="IFileStore"/>).</summary>
    public IReadOnlyList<StoredFile> Attachments { get; init; } = [];
}

/// <summary>A decision as checked, ready to store.</summary>
public sealed record CheckedDecision(DeciderKind DeciderKind, string DecidedBy, DateOnly Date, string? Paragraph, string Outcome, string? Conditions, IReadOnlyList<StoredFile> Attachments);

/// <summary>The checks a decision passes before its transition may be taken; messages in Swedish, keyed by input.</summary>
public static class DecisionRules
{
    public const int MaxDecidedBy = 200;
    public const int MaxParagraph = 50;
    public const int MaxOutcome = 100;
    public const int MaxConditions = 4000;
    public const int MaxAttachments = 10;
    public const long MaxAttachmentBytes = 20 * 1024 * 1024;

    /// <summary>What a protocol or decision document may be.</summary>
    public static IReadOnlyCollection<string> AttachmentExtensions { get; } = [".pdf", ".docx", ".doc", ".odt", ".png", ".jpg", ".jpeg", ".txt"];

    /// <summary>The keys the form's inputs have, for errors next to them.</summary>
    public const string Prefix = "Decision.";

    public static IReadOnlyList<string> DefaultOutcomes { get; } = ["Godkänd", "Godkänd med villkor", "Återremiss", "Avslag"];

    public static CheckedDecision? Check(DecisionInput? input, IReadOnlyList<string> outcomes, DateOnly today, IDictionary<string, string> errors)
    {
        input ??= new DecisionInput();
        var before = errors.Count;
        var kind = Enum.TryParse<DeciderKind>(input.DeciderKind, ignoreCase: false, out var k) && Enum.IsDefined(k) ? k : (DeciderKind?)null;
        if (kind is null)
        {
            errors[Prefix + "DeciderKind"] = "Välj om beslutet fattades av en person eller av ett organ (nämnd, styrgrupp).";
        }

        var decidedBy = input.DecidedBy?.Trim() ?? "";
        if (decidedBy.Length == 0)
        {
            errors[Prefix + "DecidedBy"] = kind == DeciderKind.Body ? "Skriv vilket organ som beslutade, till exempel \"Kommunstyrelsen\"." : "Skriv vem som beslutade.";
        }
        else if (decidedBy.Length > MaxDecidedBy)
        {
            errors[Prefix + "DecidedBy"] = $"Vem som beslutade får vara högst {MaxDecidedBy} tecken (nu {decidedBy.Length}).";
        }

        DateOnly date = default;
        if (string.IsNullOrWhiteSpace(input.Date))
        {
            errors[Prefix + "Date"] = "Ange beslutsdatum.";
        }
        else if (!DateOnly.TryParseExact(input.Date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            errors[Prefix + "Date"] = "Beslutsdatum ska skrivas som år-månad-dag, till exempel 2026-03-15.";
        }
        else if (date > today)
        {
            errors[Prefix + "Date"] = "Beslutsdatum kan inte vara i framtiden.";
        }

        var paragraph = string.IsNullOrWhiteSpace(input.Paragraph) ? null : input.Paragraph.Trim();
        if (paragraph is { Length: > MaxParagraph })
        {
            errors[Prefix + "Paragraph"] = $"Paragrafen får vara högst {MaxParagraph} tecken.";
        }
        else if (paragraph is null && kind == DeciderKind.Body)
        {
            errors[Prefix + "Paragraph"] = "Ange paragrafen i protokollet, till exempel \"§ 123\".";
        }

        var outcome = outcomes.FirstOrDefault(o => string.Equals(o, input.Outcome?.Trim(), StringComparison.Ordinal));
        if (outcome is null)
        {
            errors[Prefix + "Outcome"] = "Välj beslutets utfall i listan.";
        }

        var conditions = string.IsNullOrWhiteSpace(input.Conditions) ? null : input.Conditions.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (conditions is { Length: > MaxConditions })
        {
            errors[Prefix + "Conditions"] = $"Villkoren får vara högst {MaxConditions} tecken (nu {conditions.Length}).";
        }

        if (input.Attachments.Count > MaxAttachments)
        {
            errors[Prefix + "Attachments"] = $"Högst {MaxAttachments} bilagor per beslut.";
        }

        return errors.Count > before || kind is null || outcome is null
            ? null
            : new CheckedDecision(kind.Value, decidedBy, date, paragraph, outcome, conditions, input.Attachments);
    }
}
