using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Workflows.Definitions;

namespace Kvalitetsportal.UnitTests.Workflows;

public sealed class WorkflowDefinitionValidatorTests
{
    private static readonly ContentTypeDefinition Type = new()
    {
        Name = "Forbattringsforslag",
        DisplayName = "Förbättringsförslag",
        Fields =
        [
            new() { Name = "beslutsdatum", Label = "Beslutsdatum", Kind = FieldKind.Date },
            new() { Name = "beskrivning", Label = "Beskrivning", Kind = FieldKind.LongText },
        ],
    };

    private static readonly HashSet<string> Roles = ["Medarbetare", "Bedömare"];

    private static WorkflowDefinition Valid() => new()
    {
        ContentType = Type.Name,
        InitialState = "Inskickad",
        States =
        [
            new() { Name = "Inskickad" },
            new() { Name = "Under bedömning" },
            new() { Name = "Genomförs", Final = true },
            new() { Name = "Avslås", Final = true },
        ],
        Transitions =
        [
            new() { Id = "bedom", From = "Inskickad", To = "Under bedömning", Label = "Börja bedöma", Roles = ["Bedömare"] },
            new()
            {
                Id = "genomfors", From = "Under bedömning", To = "Genomförs", Label = "Besluta: genomförs", Roles = ["Bedömare"], CommentRequired = true,
                Activities = [new SendMailActivity { To = new Recipient { Kind = RecipientKind.Owner }, Subject = "Beslut om {{ item.title }}", Body = "{{ comment }}" }],
            },
            new() { Id = "avslas", From = "Under bedömning", To = "Avslås", Label = "Besluta: avslås", Roles = ["Bedömare"], CommentRequired = true },
        ],
    };

    private static IReadOnlyList<WorkflowProblem> Validate(WorkflowDefinition definition) =>
        WorkflowDefinitionValidator.Validate(definition, Type, Roles, new Dictionary<string, ContentTypeDefinition> { [Type.Name] = Type });

    [Fact]
    public void A_complete_workflow_has_no_problems() => Assert.Empty(Validate(Valid()));

    [Fact]
    public void An_unreachable_state_is_named()
    {
        var definition = Valid();
        definition.States.Add(new WorkflowState { Name = "Vilande", Final = true });

        var problem = Assert.Single(Validate(definition));
        Assert.Equal("states[4].name", problem.Path);
        Assert.Contains("\"Vilande\" går inte att nå", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transition_nobody_may_take_is_refused()
    {
        var definition = Valid();
        definition.Transitions[0].Roles.Clear();

        Assert.Contains(Validate(definition), p => p.Path == "transitions[0].roles" && p.Message.Contains("ingen får ta övergången", StringComparison.Ordinal));
    }

    [Fact]
    public void A_mail_without_a_body_or_with_broken_liquid_is_refused()
    {
        var definition = Valid();
        var mail = (SendMailActivity)definition.Transitions[1].Activities[0];
        mail.Body = "";
        mail.Subject = "Beslut {{ item.title ";

        var problems = Validate(definition);
        Assert.Contains(problems, p => p.Path == "transitions[1].activities[0].body");
        Assert.Contains(problems, p => p.Path == "transitions[1].activities[0].subject" && p.Message.Contains("går inte att läsa", StringComparison.Ordinal));
    }

    [Fact]
    public void A_state_nobody_can_leave_must_be_final()
    {
        var definition = Valid();
        definition.States[2].Final = false;

        Assert.Contains(Validate(definition), p => p.Path == "states[2].final");
    }

    [Fact]
    public void A_timer_must_take_a_transition_from_the_state_it_starts_in()
    {
        var definition = Valid();
        definition.States[0].Activities.Add(new StartTimerActivity { After = TimeSpan.FromDays(14), Action = TimerAction.Transition, TransitionId = "genomfors" });

        Assert.Contains(Validate(definition), p => p.Path == "states[0].activities[0].transitionId");
    }

    [Fact]
    public void Definitions_round_trip_through_json_with_their_activities()
    {
        var json = WorkflowDefinitionStore.Serialize(Valid());
        var back = WorkflowDefinitionStore.Parse(json);

        Assert.Contains("\"kind\": \"sendMail\"", json, StringComparison.Ordinal);
        Assert.IsType<SendMailActivity>(Assert.Single(back.Transitions[1].Activities));
        Assert.Equal(WorkflowDefinitionStore.Serialize(back), json);
    }
}
