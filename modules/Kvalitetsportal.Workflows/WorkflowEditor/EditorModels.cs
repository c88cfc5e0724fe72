using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Workflows.Definitions;
using Microsoft.AspNetCore.Http;

namespace Kvalitetsportal.Workflows.WorkflowEditor;

/// <summary>One content type on the list page, with its workflow if it has one.</summary>
public sealed record WorkflowRow(
    string TypeName,
    string TypeDisplayName,
    string? WorkflowName,
    int? Version,
    bool Enabled,
    IReadOnlyList<(string State, int Count)> Running,
    int OnOlderVersions);

public sealed class WorkflowListModel
{
    public required IReadOnlyList<WorkflowRow> Rows { get; init; }

    /// <summary>Runaway activities the guard stopped that no administrator has looked at yet.</summary>
    public int UnhandledStops { get; init; }
}

/// <summary>The edit page: the working copy and what the inputs offer.</summary>
public sealed class EditorPage
{
    public required ContentTypeDefinition Type { get; init; }

    public required WorkflowForm Form { get; init; }

    public required IReadOnlyList<string> Roles { get; init; }

    public required IReadOnlyList<(string Name, string DisplayName)> OtherTypes { get; init; }

    /// <summary>The newest stored version, or null when the type has no workflow yet.</summary>
    public WorkflowDefinitionRecord? Current { get; init; }

    /// <summary>Running items on versions older than the current one, by version.</summary>
    public IReadOnlyList<(int Version, int Count)> OlderVersions { get; init; } = [];

    public string? Notice { get; set; }

    public string? FocusId { get; set; }

    /// <summary>A mail activity rendered with a real item ("Förhandsgranska"), shown beside that activity.</summary>
    public MailPreview? Preview { get; set; }

    public IEnumerable<(string Value, string Text)> RoleOptions => Roles.Select(r => (r, r));

    /// <summary>The type's fields by their labels, as the administrator named them; the technical name only tells two same-named fields apart.</summary>
    public IEnumerable<(string Value, string Text)> FieldOptions(params FieldKind[] kinds)
    {
        var fields = Type.OrderedFields.Where(f => kinds.Length == 0 || kinds.Contains(f.Kind)).ToList();
        var repeated = fields.GroupBy(f => f.Label.Trim(), StringComparer.CurrentCultureIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.CurrentCultureIgnoreCase);
        return fields.Select(f => (f.Name, repeated.Contains(f.Label.Trim()) ? $"{f.Label} ({f.Name})" : f.Label));
    }

    public IEnumerable<(string Value, string Text)> StateOptions =>
        Form.States.Select((s, i) => (s.Key, string.IsNullOrWhiteSpace(s.Name) ? $"Steg {i + 1} (utan namn)" : s.Name!.Trim()));

    public IEnumerable<(string Value, string Text)> TransitionOptions =>
        Form.Transitions.Select((t, i) => (t.Key, string.IsNullOrWhiteSpace(t.Label) ? $"Övergång {i + 1}" : $"{t.Label!.Trim()} ({StateName(t.From)} → {StateName(t.To)})"));

    public string StateName(string? key) => Form.State(key) is { } s && !string.IsNullOrWhiteSpace(s.Name) ? s.Name!.Trim() : "?";
}

public sealed class HistoryModel
{
    public required ContentTypeDefinition Type { get; init; }

    public required IReadOnlyList<(WorkflowDefinitionRecord Record, string? SavedBy, int Running)> Versions { get; init; }
}

public sealed class ImportModel
{
    public const int MaxBytes = 512 * 1024;

    public ContentTypeDefinition? Type { get; set; }

    /// <summary>Pasted JSON; after a failed upload, the uploaded file's text, so nothing is lost.</summary>
    public string? Json { get; set; }

    public IFormFile? File { get; set; }

    public IReadOnlyList<string> Problems { get; set; } = [];
}

/// <summary>The "Flytta ärenden" page: per older version, where each of its states goes.</summary>
public sealed class MigrationModel
{
    public required ContentTypeDefinition Type { get; init; }

    public required int CurrentVersion { get; init; }

    public required IReadOnlyList<string> CurrentStates { get; init; }

    public required IReadOnlyList<MigrationGroup> Groups { get; init; }

    /// <summary>The version whose mapping the page shows (one form at a time, so input ids stay unique).</summary>
    public MigrationGroup? Selected { get; init; }
}

public sealed record MigrationGroup(int Version, IReadOnlyList<MigrationRow> States)
{
    public int Count => States.Sum(s => s.Count);
}

/// <summary>An old state, how many items are in it, and the new state chosen (by default the one with the same name).</summary>
public sealed record MigrationRow(string From, int Count, string? To);

/// <summary>What the migration form posts: the version and one "from → to" pair per old state.</summary>
public sealed class MigrationForm
{
    public int FromVersion { get; set; }

    public List<MigrationPair> Map { get; set; } = [];
}

public sealed class MigrationPair
{
    public string? From { get; set; }

    public string? To { get; set; }
}

/// <summary>A list of activities (of a state or a transition) inside the edit page.</summary>
public sealed record ActivitiesView(EditorPage Page, string Owner, List<ActivityForm> Activities, string? NewKind, string OwnerName, bool OnTransition);

/// <summary>One activity inside the edit page.</summary>
public sealed record ActivityView(EditorPage Page, string Owner, int Index, int Count, ActivityForm Activity, string OwnerName)
{
    public string Prefix => $"{Owner}.Activities[{Index}]";
}

/// <summary>The recipient inputs of an activity: who, and the role, user field or text that goes with it.</summary>
public sealed record RecipientView(ActivityView Activity, IEnumerable<(string Value, string Text)> Kinds, string? NoneText);
