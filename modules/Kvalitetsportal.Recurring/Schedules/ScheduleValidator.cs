using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Data;
using Kvalitetsportal.Organisation.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kvalitetsportal.Recurring.Schedules;

/// <summary>A schedule as the admin form and the recipe step give it, before it is checked.</summary>
public sealed record ScheduleInput(
    string Name,
    string ContentType,
    PeriodLength Period,
    int DayOfPeriod,
    string TitleTemplate,
    IReadOnlyDictionary<string, string> InitialValues,
    string? SourceType,
    string? SourceState,
    string? LinkField,
    string? OwnerEmail,
    CatchUp CatchUp,
    bool Paused);

/// <summary>One problem with a schedule: the form field it belongs to and what to do, in Swedish.</summary>
public sealed record ScheduleProblem(string Field, string Message);

/// <summary>Checks a schedule against the content types and people; the admin form and the recipe step ask the same rules.</summary>
public sealed class ScheduleValidator(PortalDbContext db, IContentDefinitionStore types, IEnumerable<IPersonDirectory> people, IStringLocalizer<ScheduleValidator> localizer)
{
    /// <summary>The problems (empty when the schedule can be saved) and the owner's user id, if one was named.</summary>
    public async Task<(IReadOnlyList<ScheduleProblem> Problems, string? OwnerUserId)> ValidateAsync(ScheduleInput input, int? id, CancellationToken cancellationToken)
    {
        var problems = new List<ScheduleProblem>();
        void Add(string field, string text, params object[] args) => problems.Add(new(field, localizer[text, args].Value));

        var name = input.Name.Trim();
        if (name.Length == 0)
        {
            Add(nameof(ScheduleInput.Name), "Skriv ett namn på schemat.");
        }
        else if (name.Length > RecurringSchedule.MaxNameLength)
        {
            Add(nameof(ScheduleInput.Name), "Namnet får vara högst {0} tecken.", RecurringSchedule.MaxNameLength);
        }
        else if (await db.Set<RecurringSchedule>().AnyAsync(s => s.Name == name && s.Id != (id ?? 0), cancellationToken))
        {
            Add(nameof(ScheduleInput.Name), "Det finns redan ett schema som heter \"{0}\". Välj ett annat namn.", name);
        }

        var target = input.ContentType.Length > 0 ? await types.GetAsync(input.ContentType, cancellationToken) : null;
        if (target is null)
        {
            Add(nameof(ScheduleInput.ContentType), "Välj vilken typ av ärende schemat skapar.");
        }

        if (input.DayOfPeriod < 1 || input.DayOfPeriod > Period.MaxDay(input.Period))
        {
            Add(nameof(ScheduleInput.DayOfPeriod), "Dagen ska vara ett tal från 1 till {0} för den här perioden.", Period.MaxDay(input.Period));
        }

        if (input.TitleTemplate.Trim().Length == 0)
        {
            Add(nameof(ScheduleInput.TitleTemplate), "Skriv en rubrik för ärendena som skapas, till exempel \"Kontroll {{ period }}\".");
        }
        else if (input.TitleTemplate.Length > RecurringSchedule.MaxTitleLength)
        {
            Add(nameof(ScheduleInput.TitleTemplate), "Rubriken får vara högst {0} tecken.", RecurringSchedule.MaxTitleLength);
        }
        else if (TitleTemplates.Problem(input.TitleTemplate) is not null)
        {
            Add(nameof(ScheduleInput.TitleTemplate), "Rubriken går inte att läsa som mall. Kontrollera att varje {{ har en }}.");
        }

        foreach (var (field, value) in input.InitialValues)
        {
            if (target is not null && target.Field(field) is null)
            {
                Add(nameof(ScheduleInput.InitialValues), "Typen \"{0}\" har inget fält som heter \"{1}\".", target.DisplayName, field);
            }
            else if (TitleTemplates.Problem(value) is not null)
            {
                Add(nameof(ScheduleInput.InitialValues), "Värdet för \"{0}\" går inte att läsa som mall.", field);
            }
        }

        var hasSource = !string.IsNullOrWhiteSpace(input.SourceType);
        if (hasSource && await types.GetAsync(input.SourceType!, cancellationToken) is null)
        {
            Add(nameof(ScheduleInput.SourceType), "Välj en typ som finns, eller ingen.");
        }

        if (!string.IsNullOrWhiteSpace(input.LinkField))
        {
            if (!hasSource)
            {
                Add(nameof(ScheduleInput.LinkField), "Ett kopplingsfält behövs bara när schemat skapar ett ärende per ärende av en annan typ. Välj en sådan typ, eller inget kopplingsfält.");
            }
            else if (target is not null && target.Field(input.LinkField!) is not { Kind: FieldKind.ContentReference })
            {
                Add(nameof(ScheduleInput.LinkField), "Typen \"{0}\" har inget referensfält som heter \"{1}\".", target.DisplayName, input.LinkField!);
            }
        }

        string? ownerId = null;
        if (!string.IsNullOrWhiteSpace(input.OwnerEmail))
        {
            var person = people.FirstOrDefault() is { } directory ? await directory.FindByEmailAsync(input.OwnerEmail.Trim(), cancellationToken) : null;
            if (person is null)
            {
                Add(nameof(ScheduleInput.OwnerEmail), "Det finns ingen användare med e-postadressen \"{0}\".", input.OwnerEmail.Trim());
            }

            ownerId = person?.Id;
        }
        else if (!hasSource)
        {
            Add(nameof(ScheduleInput.OwnerEmail), "Skriv e-postadressen till den som ska äga ärendena. Utan källtyp finns ingen ägare att ärva.");
        }

        return (problems, ownerId);
    }

    /// <summary>Writes a checked input onto the schedule.</summary>
    public static void Apply(ScheduleInput input, string? ownerUserId, RecurringSchedule schedule)
    {
        schedule.Name = input.Name.Trim();
        schedule.ContentType = input.ContentType;
        schedule.Period = input.Period;
        schedule.DayOfPeriod = input.DayOfPeriod;
        schedule.TitleTemplate = input.TitleTemplate.Trim();
        schedule.InitialValues = System.Text.Json.JsonSerializer.Serialize(input.InitialValues);
        schedule.SourceType = string.IsNullOrWhiteSpace(input.SourceType) ? null : input.SourceType;
        schedule.SourceState = string.IsNullOrWhiteSpace(input.SourceState) || schedule.SourceType is null ? null : input.SourceState.Trim();
        schedule.LinkField = string.IsNullOrWhiteSpace(input.LinkField) ? null : input.LinkField.Trim();
        schedule.OwnerUserId = ownerUserId;
        schedule.CatchUp = input.CatchUp;
        schedule.Paused = input.Paused;
    }
}
