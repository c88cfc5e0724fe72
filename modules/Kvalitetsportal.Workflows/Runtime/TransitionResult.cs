namespace Kvalitetsportal.Workflows.Runtime;

public enum TransitionOutcome
{
    Done,

    /// <summary>The item does not exist, has no workflow, or the user may not see it.</summary>
    NotFound,

    /// <summary>The user may see the item but not take this transition.</summary>
    Forbidden,

    /// <summary>Something the user can fix: a comment or a field is missing.</summary>
    Invalid,

    /// <summary>Someone else moved the item first, or the transition does not (any longer) start where the item is.</summary>
    Conflict,
}

/// <summary>What came of a transition, with a message in Swedish for the user.</summary>
public sealed record TransitionResult(TransitionOutcome Outcome, string Message)
{
    /// <summary>Problems by input (Comment, or "" for the form), for <see cref="TransitionOutcome.Invalid"/>.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    /// <summary>The item's state after the call (the new one when done).</summary>
    public string? State { get; init; }

    /// <summary>The instance revision after the call (send it with the next transition).</summary>
    public int Revision { get; init; }

    public bool Succeeded => Outcome == TransitionOutcome.Done;

    public const string CommentKey = "Comment";
}
