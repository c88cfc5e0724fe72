using System.Text.Json;
using Kvalitetsportal.Data;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Recipes;
using Kvalitetsportal.Recurring.Running;
using Kvalitetsportal.Recurring.Schedules;
using Microsoft.EntityFrameworkCore;

namespace Kvalitetsportal.Recurring.Recipes;

/// <summary>
/// { "name": "recurring", "schedules": [ { "name": "Kvartalskontroller", "contentType": "Kontroll",
///   "period": "Quarter", "day": 1, "title": "Kontroll {{ period }}: {{ source.title }}",
///   "fields": { "status": "Ej påbörjad" }, "sourceType": "Kontrollpunkt", "sourceState": "Aktiv",
///   "linkField": "kontrollpunkt", "owner": "someone@kommun.se", "catchUp": "LatestOnly", "paused": false } ] }
/// Schedules are added or updated by name, with the admin form's rules; one bad schedule stops the recipe.
/// "owner" may also be a list: the first address with an account is used, so a schedule owned by a
/// sample user falls back to the administrator where sample users are not created (production).
/// </summary>
public sealed class RecurringStep(
    PortalDbContext db,
    ScheduleValidator validator,
    IEnumerable<IPersonDirectory> people,
    RecurringSignal signal,
    TimeProvider clock) : IRecipeStepHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public string StepName => "recurring";

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken cancellationToken)
    {
        if (!step.TryGetProperty("schedules", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new RecipeException("\"schedules\" måste vara en lista med scheman.");
        }

        var index = 0;
        foreach (var element in list.EnumerateArray())
        {
            index++;
            RecipeSchedule? read;
            try
            {
                read = element.Deserialize<RecipeSchedule>(Json);
            }
            catch (JsonException exception)
            {
                throw new RecipeException($"schema {index} går inte att läsa: {exception.Message}");
            }

            if (read is null)
            {
                throw new RecipeException($"schema {index} är tomt.");
            }

            var input = new ScheduleInput(read.Name ?? "", read.ContentType ?? "", read.Period, read.Day, read.Title ?? "", read.Fields ?? [],
                read.SourceType, read.SourceState, read.LinkField, await OwnerAsync(read.Owner, context, cancellationToken), read.CatchUp, read.Paused);
            var existing = await db.Set<RecurringSchedule>().FirstOrDefaultAsync(s => s.Name == input.Name.Trim(), cancellationToken);
            var (problems, owner) = await validator.ValidateAsync(input, existing?.Id, cancellationToken);
            if (problems.Count > 0)
            {
                throw new RecipeException($"schema {index} (\"{input.Name}\"): {string.Join(" ", problems.Select(p => p.Message))}");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var schedule = existing ?? db.Add(new RecurringSchedule { Name = input.Name, ContentType = input.ContentType, StartsUtc = now, CreatedUtc = now }).Entity;
            ScheduleValidator.Apply(input, owner, schedule);
            schedule.UpdatedUtc = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        signal.Changed();
    }

    /// <summary>The one owner address, or the first of a list whose account exists (or the last, so the validator names it).</summary>
    private async Task<string?> OwnerAsync(JsonElement? owner, RecipeContext context, CancellationToken cancellationToken)
    {
        string Actual(string email) => context.AccountEmails.TryGetValue(email.Trim(), out var real) ? real : email.Trim();
        switch (owner)
        {
            case { ValueKind: JsonValueKind.String } one:
                return Actual(one.GetString() ?? "");
            case { ValueKind: JsonValueKind.Array } list:
                var candidates = list.EnumerateArray().Select(c => Actual(c.GetString() ?? "")).Where(c => c.Length > 0).ToList();
                var directory = people.FirstOrDefault();
                foreach (var candidate in candidates)
                {
                    if (directory is not null && await directory.FindByEmailAsync(candidate, cancellationToken) is not null)
                    {
                        return candidate;
                    }
                }

                return candidates.LastOrDefault();
            default:
                return null;
        }
    }

    private sealed class RecipeSchedule
    {
        public string? Name { get; set; }

        public string? ContentType { get; set; }

        public PeriodLength Period { get; set; }

        public int Day { get; set; } = 1;

        public string? Title { get; set; }

        public Dictionary<string, string>? Fields { get; set; }

        public string? SourceType { get; set; }

        public string? SourceState { get; set; }

        public string? LinkField { get; set; }

        public JsonElement? Owner { get; set; }

        public CatchUp CatchUp { get; set; }

        public bool Paused { get; set; }
    }
}
