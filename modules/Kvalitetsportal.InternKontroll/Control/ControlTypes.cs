using System.Globalization;
using System.Text.Json.Nodes;

namespace Kvalitetsportal.InternKontroll.Control;

/// <summary>
/// The module's content types and the technical field names it reads. Labels, states, choices and
/// texts live in the stored definitions (the recipe, then the administrator); only these names are code.
/// </summary>
public static class ControlTypes
{
    public const string Plan = "IkPlan";
    public const string Process = "IkProcess";
    public const string Point = "IkKontrollmoment";
    public const string Check = "IkKontroll";
    public const string Action = "IkAtgard";

    public static readonly IReadOnlyList<string> All = [Plan, Process, Point, Check, Action];

    // Fields.
    public const string Year = "year";
    public const string PlanField = "plan";
    public const string ProcessField = "process";
    public const string Goal = "goal";
    public const string Motivation = "motivation";
    public const string Method = "method";
    public const string Frequency = "frequency";
    public const string Sample = "sample";
    public const string Responsible = "responsible";
    public const string ReportDate = "reportDate";
    public const string ReportedTo = "reportedTo";
    public const string PointField = "kontrollmoment";
    public const string Period = "period";
    public const string Outcome = "outcome";
    public const string Comment = "comment";
    public const string Evidence = "evidence";
    public const string CheckField = "kontroll";
    public const string DueDate = "dueDate";

    /// <summary>The fields the person who performs a check fills in.</summary>
    public static readonly IReadOnlyList<string> ReportFields = [Outcome, Comment, Evidence];

    public static string? Text(JsonNode? value) => value is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    public static int? Number(JsonNode? value) =>
        value is JsonValue v && decimal.TryParse(v.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? (int)number : null;
}
