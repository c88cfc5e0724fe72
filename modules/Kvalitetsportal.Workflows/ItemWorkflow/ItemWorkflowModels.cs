using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Files;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Workflows.Decisions;
using Kvalitetsportal.Workflows.Runtime;

namespace Kvalitetsportal.Workflows.ItemWorkflow;

/// <summary>What the transition form posts.</summary>
public sealed class TransitionForm
{
    /// <summary>The id of the transition (the button pressed).</summary>
    public string? Transition { get; set; }

    public string? Comment { get; set; }

    /// <summary>The instance revision the user saw; a move by someone else in between is refused.</summary>
    public int? Revision { get; set; }

    /// <summary>For a transition that requires a decision.</summary>
    public DecisionForm Decision { get; set; } = new();
}

/// <summary>The decision fields of the transition form, as typed (shown again after an error).</summary>
public sealed class DecisionForm
{
    public string? DeciderKind { get; set; }

    public string? DecidedBy { get; set; }

    public string? Date { get; set; }

    public string? Paragraph { get; set; }

    public string? Outcome { get; set; }

    public string? Conditions { get; set; }

    public DecisionInput ToInput(IReadOnlyList<StoredFile> attachments) => new()
    {
        DeciderKind = DeciderKind, DecidedBy = DecidedBy, Date = Date, Paragraph = Paragraph, Outcome = Outcome, Conditions = Conditions, Attachments = attachments,
    };
}

/// <summary>The workflow block of an item's page, and the transition page shown again after an error.</summary>
public sealed class ItemWorkflowModel
{
    public required ContentTypeDefinition Type { get; init; }

    public required ContentItem Item { get; init; }

    public required ItemWorkflowView View { get; init; }

    /// <summary>The comment to show in the text area (kept after an error).</summary>
    public string? Comment { get; init; }

    public DecisionForm Decision { get; init; } = new();

    /// <summary>The outcomes the administrator keeps (empty when no offered transition requires a decision).</summary>
    public IReadOnlyList<string> Outcomes { get; init; } = [];

    public IReadOnlyList<string> DecisionRequiredFor => [.. View.Transitions.Where(t => t.RequiresDecision && t.Blocked is null).Select(t => t.Label)];

    public string Action => ContentItemUrls.Detail(Type.Name, Item.ContentItemId) + "/arbetsflode";

    public string DetailUrl => ContentItemUrls.Detail(Type.Name, Item.ContentItemId);

    public IReadOnlyList<string> CommentRequiredFor => [.. View.Transitions.Where(t => t.CommentRequired && t.Blocked is null).Select(t => t.Label)];
}

/// <summary>A refused transition (403 or 409), with what to do next.</summary>
public sealed record RefusedModel(string Title, string Message, string DetailUrl);
