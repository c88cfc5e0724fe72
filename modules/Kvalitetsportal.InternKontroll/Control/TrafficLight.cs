namespace Kvalitetsportal.InternKontroll.Control;

/// <summary>A control point's colour in the follow-up: the worst colour among its reported outcomes.</summary>
public sealed record TrafficLight(string Colour, string Text)
{
    public static readonly TrafficLight NotReported = new("Grå", "Inte rapporterad");

    /// <summary>The class the page gives the light ("light-rod", "light-gul", "light-gron", "light-gra").</summary>
    public string CssClass => "light-" + Colour.ToLowerInvariant().Replace('ö', 'o').Replace('å', 'a').Replace('ä', 'a');
}

/// <summary>
/// Which colour an outcome gives, worst first. The outcomes are the administrator's choices in the
/// check type; this mapping is configuration ("InternKontroll:Trafikljus"), not code: an outcome
/// not listed counts as yellow, so a new choice is never shown as green by mistake.
/// </summary>
public sealed class TrafficLightOptions
{
    public List<string> Red { get; set; } = ["Avvikelse"];

    public List<string> Yellow { get; set; } = ["Ej genomförd"];

    public List<string> Green { get; set; } = ["OK", "Ej tillämplig"];

    public TrafficLight Of(IEnumerable<string?> outcomes)
    {
        var reported = outcomes.Where(o => !string.IsNullOrEmpty(o)).Select(o => o!).ToList();
        if (reported.Count == 0)
        {
            return TrafficLight.NotReported;
        }

        if (reported.FirstOrDefault(o => Red.Contains(o, StringComparer.Ordinal)) is { } red)
        {
            return new TrafficLight("Röd", red);
        }

        if (reported.FirstOrDefault(o => !Green.Contains(o, StringComparer.Ordinal)) is { } yellow)
        {
            return new TrafficLight("Gul", yellow);
        }

        return new TrafficLight("Grön", reported[^1]);
    }
}
