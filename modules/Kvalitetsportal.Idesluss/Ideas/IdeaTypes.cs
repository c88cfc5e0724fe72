using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Idesluss.Data;

namespace Kvalitetsportal.Idesluss.Ideas;

/// <summary>
/// The module's content types and the technical field names it reads. Technical names are stable
/// across an administrator's label changes; labels, choices and states are read from the stored
/// definitions, never assumed here.
/// </summary>
public static class IdeaTypes
{
    public const string Idea = "Ide";
    public const string Assessment = "Bedomning";
    public const string Campaign = "Ideutmaning";

    public const string Problem = "problem";
    public const string ForWhom = "forWhom";
    public const string Solution = "solution";
    public const string Benefit = "benefit";
    public const string Area = "area";
    public const string Attachments = "attachments";
    public const string NamePublic = "namePublic";
    public const string CampaignField = "campaign";
    public const string GoodExample = "goodExample";
    public const string WhatWasDone = "whatWasDone";
    public const string WhatItGave = "whatItGave";

    public const string AssessedIdea = "idea";
    public const string Effect = "effect";
    public const string Effort = "effort";
    public const string PrivateNote = "privateNote";

    public const string Question = "question";
    public const string Deadline = "deadline";

    /// <summary>Fields the coordinator fills in; the employee's submit form leaves them out.</summary>
    public static readonly IReadOnlySet<string> CoordinatorFields = new HashSet<string>(StringComparer.Ordinal) { GoodExample, WhatWasDone, WhatItGave };

    /// <summary>The idea type as the employee fills it in (submit and edit): without the coordinator's fields and the campaign, which the pages set.</summary>
    public static ContentTypeDefinition EmployeeForm(ContentTypeDefinition idea)
    {
        var copy = idea.Copy();
        copy.Fields.RemoveAll(f => CoordinatorFields.Contains(f.Name) || f.Name == CampaignField);
        return copy;
    }

    public static bool IsYes(JsonNode? value) => value is JsonValue v && v.TryGetValue<bool>(out var yes) && yes;

    public static string? Text(JsonNode? value) => value is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    /// <summary>
    /// The PICK quadrant of an assessment. The choice fields' first option means "small" and the
    /// second "large", whatever the administrator has called them.
    /// </summary>
    public static PickQuadrant? Pick(ContentTypeDefinition assessmentType, JsonObject data)
    {
        var large = (string field) =>
        {
            var definition = assessmentType.Field(field);
            var value = Text(data[field]);
            return definition is null || value is null ? (bool?)null : definition.Choices.IndexOf(value) switch { 0 => false, 1 => true, _ => null };
        };
        var effect = large(Effect);
        var effort = large(Effort);
        return (effect, effort) switch
        {
            (false, false) => PickQuadrant.Possible,
            (true, false) => PickQuadrant.Implement,
            (true, true) => PickQuadrant.Challenge,
            (false, true) => PickQuadrant.Kill,
            _ => null,
        };
    }

    public static string PickName(PickQuadrant quadrant) => quadrant switch
    {
        PickQuadrant.Possible => "Possible – möjlig",
        PickQuadrant.Implement => "Implement – genomför",
        PickQuadrant.Challenge => "Challenge – utmana",
        _ => "Kill – avfärda",
    };
}
