using Kvalitetsportal.Testing;
using Kvalitetsportal.Workflows.Definitions;
using Kvalitetsportal.Workflows.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace Kvalitetsportal.IntegrationTests.Decisions;

/// <summary>An activity kind from outside the Workflows module: stamps a text into a field of the item.</summary>
public sealed class StampActivity : WorkflowActivity
{
    public string Field { get; set; } = "";

    public string Text { get; set; } = "";
}

public sealed class StampHandler : WorkflowActivityHandler<StampActivity>
{
    protected override Task RunAsync(RunContext run, StampActivity activity, string key, CancellationToken cancellationToken)
    {
        run.Data[activity.Field] = $"{activity.Text} ({run.ToState})";
        run.DataChanged = true;
        return Task.CompletedTask;
    }
}

/// <summary>
/// A portal with a test module's activity kind registered (no change to Workflows) and a type
/// whose "besluta" transition requires a decision.
/// </summary>
public sealed class DecisionPortal() : WorkflowPortal(TestSmtpServer.StartNew())
{
    public const string DecisionType = "Beslutsarende";
    public const string StampKind = "test.stamp";

    private readonly SemaphoreSlim _arrange = new(1, 1);
    private bool _arranged;

    public async Task ArrangeAsync()
    {
        await _arrange.WaitAsync();
        try
        {
            if (!_arranged)
            {
                await RunRecipeAsync(Recipe);
                _arranged = true;
            }
        }
        finally
        {
            _arrange.Release();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddWorkflowActivity<StampActivity, StampHandler>(
            StampKind,
            "Stämpla ärendet",
            "Stämpel",
            editor: [new ActivityEditorField("field", "Fält som stämplas", Required: true), new ActivityEditorField("text", "Stämpelns text", Input: ActivityFieldInput.Template)],
            validate: (stamp, check) =>
            {
                if (stamp.Field.Length > 0 && check.Type?.Field(stamp.Field) is null)
                {
                    check.Problem("field", $"{check.Name}: fältet \"{stamp.Field}\" finns inte.");
                }
            }));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
        _arrange.Dispose();
    }

    public const string Recipe = """
        {
          "name": "Beslutsärenden",
          "steps": [
            { "name": "roles", "roles": [ { "name": "Bedömare", "description": "Bedömer.", "permissions": [] } ] },
            { "name": "users", "users": [
              { "email": "bertil.bedomare@kvalitetsportal.local", "displayName": "Bertil Bedömare", "unit": "FVO-HEM-O", "roles": [ "Medarbetare", "Bedömare" ], "passwordSetting": "Setup:SamplePassword" }
            ] },
            { "name": "contentTypes", "types": [ {
              "name": "Beslutsarende", "displayName": "Beslutsärende", "drafts": false, "unitFromSubmitter": true,
              "fields": [
                { "name": "text", "label": "Beskrivning", "kind": "LongText", "required": true, "order": 1 },
                { "name": "stampel", "label": "Stämpel", "kind": "ShortText", "order": 2 }
              ] } ] },
            { "name": "contentPermissions", "grants": [
              { "role": "Medarbetare", "type": "Beslutsarende", "actions": [ "Create", "ViewOwn" ] },
              { "role": "Bedömare", "type": "Beslutsarende", "actions": [ "ViewAll" ] }
            ] },
            { "name": "workflows", "workflows": [ {
              "contentType": "Beslutsarende",
              "displayName": "Beslut i nämnd",
              "initialState": "Ny",
              "states": [
                { "name": "Ny", "description": "Väntar på beslut.", "ownerCanView": true,
                  "activities": [ { "kind": "test.stamp", "label": "Stämpla", "field": "stampel", "text": "Mottagen" } ] },
                { "name": "Beslutad", "description": "Beslut fattat.", "final": true }
              ],
              "transitions": [
                { "id": "besluta", "from": "Ny", "to": "Beslutad", "label": "Registrera beslut", "roles": [ "Bedömare" ], "requiresDecision": true }
              ]
            } ] }
          ]
        }
        """;
}
