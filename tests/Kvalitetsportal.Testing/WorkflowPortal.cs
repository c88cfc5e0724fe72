using System.Text;
using Kvalitetsportal.Recipes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Kvalitetsportal.Testing;

/// <summary>A clock the tests can move forward (timers, the runaway guard's hour).</summary>
public sealed class ShiftableClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}

/// <summary>
/// The portal with its mail going to an in-process SMTP server, links in mail pointing to
/// https://kvalitet.kommun.test, and the outbox and timers polling often, so tests wait
/// seconds, not minutes. <see cref="Restart"/> gives a new portal on the same data folder and
/// database (dispose this one first, with <see cref="PortalFactory.KeepDataOnDispose"/>).
/// </summary>
public class WorkflowPortal : PortalFactory
{
    public const string BaseUrl = "https://kvalitet.kommun.test";
    public const string AssessorEmail = "bertil.bedomare@kvalitetsportal.local";
    public const string AssessorName = "Bertil Bedömare";
    public const string AssessorRole = "Bedömare";
    public const string Type = "Forbattringsforslag";
    public const string List = "/innehall/Forbattringsforslag";

    private readonly bool _realServer;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public WorkflowPortal(TestSmtpServer smtp, bool realServer = false, IReadOnlyDictionary<string, string?>? settings = null, ShiftableClock? clock = null)
    {
        Smtp = smtp;
        _realServer = realServer;
        _settings = settings ?? new Dictionary<string, string?>();
        Clock = clock;
    }

    private WorkflowPortal(WorkflowPortal before)
        : base(before.DataFolder, before.PostgresDatabase)
    {
        Smtp = before.Smtp;
        _realServer = before._realServer;
        _settings = before._settings;
        Clock = before.Clock;
    }

    public TestSmtpServer Smtp { get; }

    /// <summary>When set, the portal's TimeProvider: tests move time forward with it.</summary>
    public ShiftableClock? Clock { get; }

    protected override bool UseRealServer => _realServer;

    protected override IDictionary<string, string?> ExtraSettings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["Users:SignInAttemptsPerMinute"] = "1000",
                ["Portal:BaseUrl"] = BaseUrl,
                ["Mail:From"] = "Kvalitetsportalen <noreply@kommun.test>",
                ["Mail:Smtp:Host"] = "127.0.0.1",
                ["Mail:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Mail:Smtp:Security"] = "None",
                ["Mail:Smtp:TimeoutSeconds"] = "5",
                ["Workflows:Outbox:PollSeconds"] = "0.3",
                ["Workflows:Outbox:RetryBaseSeconds"] = "0.5",
                ["Workflows:Outbox:RetryMaxSeconds"] = "1",
                ["Workflows:Outbox:MaxAttempts"] = "1000",
                ["Workflows:Timers:PollSeconds"] = "0.3",
            };
            foreach (var (key, value) in _settings)
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    /// <summary>The same portal again (same data folder and database), as after a restart.</summary>
    public WorkflowPortal Restart() => new(this);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (Clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }

    public async Task RunRecipeAsync(string json)
    {
        await using var scope = CreateScope();
        await scope.ServiceProvider.GetRequiredService<RecipeExecutor>().ExecuteAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>
    /// The "Done when": "Förbättringsförslag" with the workflow Inskickad → Under bedömning →
    /// Genomförs | Avslås, where only "Bedömare" decides, deciding needs a comment, the submitter is
    /// mailed the decision, and an unanswered item reminds the assessors after <paramref name="remindAfter"/>.
    /// Made by a recipe: roles, an assessor, the type, its permissions and the workflow.
    /// </summary>
    public static string SuggestionRecipe(TimeSpan remindAfter) => """
        {
          "name": "Förbättringsförslag med bedömning",
          "steps": [
            { "name": "roles", "roles": [ { "name": "Bedömare", "description": "Bedömer förbättringsförslag.", "permissions": [] } ] },
            { "name": "users", "users": [
              { "email": "bertil.bedomare@kvalitetsportal.local", "displayName": "Bertil Bedömare", "unit": "FVO-HEM-O", "roles": [ "Medarbetare", "Bedömare" ], "passwordSetting": "Setup:SamplePassword" }
            ] },
            { "name": "contentTypes", "types": [ {
              "name": "Forbattringsforslag", "displayName": "Förbättringsförslag", "titleLabel": "Rubrik",
              "description": "Har du en idé om hur vi kan bli bättre? Berätta!",
              "drafts": true, "versioned": true, "unitFromSubmitter": true,
              "fields": [
                { "name": "beskrivning", "label": "Beskriv förslaget", "kind": "LongText", "required": true, "order": 1 },
                { "name": "beslutsdatum", "label": "Beslutsdatum", "kind": "Date", "order": 2 }
              ] } ] },
            { "name": "contentPermissions", "grants": [
              { "role": "Medarbetare", "type": "Forbattringsforslag", "actions": [ "Create", "ViewOwn", "EditOwn" ] },
              { "role": "Bedömare", "type": "Forbattringsforslag", "actions": [ "ViewAll" ] }
            ] },
            { "name": "workflows", "workflows": [ {
              "contentType": "Forbattringsforslag",
              "displayName": "Bedömning av förbättringsförslag",
              "initialState": "Inskickad",
              "states": [
                { "name": "Inskickad", "description": "Ditt förslag har kommit in. En bedömare tittar på det inom kort.", "ownerCanView": true, "ownerCanEdit": true,
                  "activities": [
                    { "kind": "assign", "label": "Till bedömarna", "to": { "kind": "Role", "value": "Bedömare" } },
                    { "kind": "notify", "label": "Säg till bedömarna", "to": { "kind": "Assignee" }, "message": "Nytt förbättringsförslag att bedöma: {{ item.title }}" },
                    { "kind": "startTimer", "label": "Påminn bedömarna", "after": "REMIND_AFTER", "action": "Remind", "to": { "kind": "Assignee" },
                      "subject": "Påminnelse: {{ item.title }} väntar på bedömning",
                      "body": "Hej {{ recipient.name }}!\n\nFörslaget \"{{ item.title }}\" väntar fortfarande på bedömning: {{ item.url }}" }
                  ] },
                { "name": "Under bedömning", "description": "En bedömare går igenom ditt förslag och beslutar.", "ownerCanView": true },
                { "name": "Genomförs", "description": "Förslaget ska genomföras. Tack för att du hjälper oss att bli bättre!", "final": true },
                { "name": "Avslås", "description": "Förslaget genomförs inte. Motiveringen står i historiken.", "final": true }
              ],
              "transitions": [
                { "id": "bedom", "from": "Inskickad", "to": "Under bedömning", "label": "Börja bedöma", "roles": [ "Bedömare" ] },
                { "id": "genomfors", "from": "Under bedömning", "to": "Genomförs", "label": "Besluta: genomförs", "roles": [ "Bedömare" ], "commentRequired": true,
                  "activities": [
                    { "kind": "setField", "label": "Beslutsdatum", "field": "beslutsdatum", "value": "{{ 'now' | date: '%Y-%m-%d' }}" },
                    { "kind": "sendMail", "label": "Mejla beslutet", "to": { "kind": "Owner" },
                      "subject": "Beslut om ditt förbättringsförslag: {{ item.title }}",
                      "body": "Hej {{ recipient.name }}!\n\nDitt förslag \"{{ item.title }}\" har fått beslutet: {{ item.state }}. {{ item.state_description }}\n\nMotivering från {{ actor.name }}: {{ comment }}\n\nBeslutsdatum: {{ item.fields.beslutsdatum }}\n\n{{ item.url }}" }
                  ] },
                { "id": "avslas", "from": "Under bedömning", "to": "Avslås", "label": "Besluta: avslås", "roles": [ "Bedömare" ], "commentRequired": true,
                  "activities": [
                    { "kind": "sendMail", "label": "Mejla beslutet", "to": { "kind": "Owner" },
                      "subject": "Beslut om ditt förbättringsförslag: {{ item.title }}",
                      "body": "Hej {{ recipient.name }}!\n\nDitt förslag \"{{ item.title }}\" har fått beslutet: {{ item.state }}.\n\nMotivering från {{ actor.name }}: {{ comment }}\n\n{{ item.url }}" }
                  ] }
              ]
            } ] }
          ]
        }
        """.Replace("REMIND_AFTER", remindAfter.ToString("c", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
