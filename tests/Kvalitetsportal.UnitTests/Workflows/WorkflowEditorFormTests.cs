using System.Text.Json;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Workflows.Definitions;
using Kvalitetsportal.Workflows.WorkflowEditor;

namespace Kvalitetsportal.UnitTests.Workflows;

public sealed class WorkflowEditorFormTests
{
    private static readonly ContentTypeDefinition Type = new()
    {
        Name = "Forbattringsforslag",
        DisplayName = "Förbättringsförslag",
        Fields =
        [
            new() { Name = "beskrivning", Label = "Beskrivning", Kind = FieldKind.LongText, Order = 1 },
            new() { Name = "beslutsdatum", Label = "Beslutsdatum", Kind = FieldKind.Date, Order = 2 },
            new() { Name = "ansvarig", Label = "Ansvarig", Kind = FieldKind.User, Order = 3 },
        ],
    };

    private static readonly string[] RoleOrder = ["Administratör", "Bedömare", "Medarbetare"];
    private static readonly string[] FieldOrder = ["beskrivning", "beslutsdatum", "ansvarig"];

    /// <summary>Every kind of activity and every setting the editor has an input for.</summary>
    private static WorkflowDefinition Everything() => new()
    {
        ContentType = Type.Name,
        DisplayName = "Bedömning",
        InitialState = "Inskickad",
        States =
        [
            new() { Name = "Inskickad", Description = "Har kommit in.\nVi hör av oss.", ViewRoles = ["Bedömare"], EditRoles = ["Administratör", "Bedömare"], OwnerCanEdit = true },
            new()
            {
                Name = "Under bedömning", OwnerCanView = false,
                Activities =
                [
                    new StartTimerActivity
                    {
                        Label = "Påminn", After = new TimeSpan(14, 2, 30, 0), Action = TimerAction.Remind, Repeat = TimeSpan.FromDays(7),
                        To = new Recipient { Kind = RecipientKind.Role, Value = "Bedömare" }, Subject = "Påminnelse", Body = "{{ item.url }}",
                    },
                    new StartTimerActivity { AtDateField = "beslutsdatum", Action = TimerAction.Transition, TransitionId = "avslas" },
                    new AssignActivity { To = new Recipient { Kind = RecipientKind.UserField, Value = "ansvarig" } },
                    new AssignActivity(),
                ],
            },
            new() { Name = "Beslutad", Final = true },
        ],
        Transitions =
        [
            new()
            {
                Id = "bedom", From = "Inskickad", To = "Under bedömning", Label = "Bedöm", Roles = ["Administratör", "Bedömare"], AllowAssignee = true, AllowOwner = true,
                RequiredFields = ["beskrivning", "beslutsdatum"],
                Conditions = [new() { Field = "beskrivning", Operator = ConditionOperator.HasValue }, new() { Field = "beslutsdatum", Operator = ConditionOperator.GreaterThan, Value = "2026-01-01" }],
                Activities =
                [
                    new NotifyActivity { Label = "Säg till", To = new Recipient { Kind = RecipientKind.Assignee }, Message = "Nytt: {{ item.title }}" },
                    new SetFieldActivity { Field = "beskrivning", Value = "{{ item.fields.beskrivning }}" },
                    new WebhookActivity { Url = "https://system.kommun.se/krok", SecretName = "arenden" },
                ],
            },
            new()
            {
                Id = "avslas", From = "Under bedömning", To = "Beslutad", Label = "Avslå", Roles = ["Bedömare"], CommentRequired = true,
                Activities =
                [
                    new SendMailActivity { To = new Recipient { Kind = RecipientKind.Address, Value = "registrator@kommun.se" }, Subject = "Avslag", Body = "Hej!\n\n{{ comment }}" },
                    new SendMailActivity { To = new Recipient { Kind = RecipientKind.User, Value = "anna" }, Subject = "Avslag", Body = "{{ comment }}" },
                    new CreateLinkedItemActivity { ContentType = "Projektforslag", Title = "Från {{ item.title }}", BackReferenceField = "ursprung", CopyFields = new() { ["text"] = "beskrivning", ["datum"] = "beslutsdatum" } },
                ],
            },
        ],
    };

    private static WorkflowDefinition RoundTrip(WorkflowForm form, List<FormError> errors) =>
        WorkflowFormMapper.ToDefinition(form, Type.Name, RoleOrder, FieldOrder, errors);

    [Fact]
    public void A_definition_shown_in_the_form_and_posted_back_unchanged_gives_the_same_json()
    {
        var original = Everything();
        var errors = new List<FormError>();
        var back = RoundTrip(WorkflowFormMapper.FromDefinition(original, 3), errors);

        Assert.Empty(errors);
        Assert.Equal(WorkflowDefinitionStore.Serialize(original), WorkflowDefinitionStore.Serialize(back));
    }

    [Fact]
    public void A_definition_read_back_from_jsonb_with_its_keys_reordered_parses_to_the_same_definition()
    {
        // jsonb orders keys by length, then bytes: "kind" is no longer an activity's first property.
        var json = """{"states":[{"name":"A","final":true,"activities":[{"to":{"kind":"Owner"},"body":"b","label":"","subject":"s","kind":"sendMail"}]}],"contentType":"T","initialState":"A"}""";
        var parsed = WorkflowDefinitionStore.Parse(json);
        var mail = Assert.IsType<SendMailActivity>(Assert.Single(parsed.States[0].Activities));
        Assert.Equal("s", mail.Subject);
    }

    [Fact]
    public void Text_areas_posted_with_CRLF_and_padding_are_stored_as_before()
    {
        var form = WorkflowFormMapper.FromDefinition(Everything(), 1);
        form.States[0].Description = "Har kommit in.\r\nVi hör av oss.\r\n";
        form.States[0].Name = "  Inskickad ";

        var back = RoundTrip(form, []);
        Assert.Equal("Har kommit in.\nVi hör av oss.", back.States[0].Description);
        Assert.Equal("Inskickad", back.States[0].Name);
    }

    [Fact]
    public void Renaming_a_state_in_the_form_renames_it_in_every_transition_and_as_first_state()
    {
        var form = WorkflowFormMapper.FromDefinition(Everything(), 1);
        form.States[0].Name = "Mottagen";

        var back = RoundTrip(form, []);
        Assert.Equal("Mottagen", back.InitialState);
        Assert.Equal("Mottagen", back.Transitions[0].From);
        Assert.Empty(WorkflowDefinitionValidator.Validate(back, Type, RoleOrder.ToHashSet(), Types()));
    }

    [Fact]
    public void A_mistyped_number_is_reported_on_its_input_and_kept()
    {
        var form = WorkflowFormMapper.FromDefinition(Everything(), 1);
        form.States[1].Activities[0].AfterDays = "fjorton";
        var errors = new List<FormError>();

        RoundTrip(form, errors);
        var error = Assert.Single(errors);
        Assert.Equal("States[1].Activities[0].AfterDays", error.Key);
        Assert.Contains("hela tal", error.Message, StringComparison.Ordinal);
        Assert.Equal("fjorton", form.States[1].Activities[0].AfterDays);
    }

    [Fact]
    public void A_transition_without_states_asks_for_them_on_its_selects()
    {
        var form = WorkflowFormMapper.FromDefinition(Everything(), 1);
        form.Transitions[1].From = "";
        form.Transitions[1].To = "s99";
        var errors = new List<FormError>();

        var back = RoundTrip(form, errors);
        Assert.Equal(["Transitions[1].From"], errors.Select(e => e.Key));
        Assert.Equal("", back.Transitions[1].To); // an unknown key is no state: the validator names it
    }

    [Theory]
    [InlineData("states[1].name", "States[1].Name")]
    [InlineData("initialState", "InitialState")]
    [InlineData("contentType", "")]
    [InlineData("", "")]
    [InlineData("transitions[0].roles", "Transitions[0].Roles")]
    [InlineData("transitions[0].conditions[1].value", "Transitions[0].Conditions[1].Value")]
    [InlineData("states[1].activities[0].to", "States[1].Activities[0].ToRole")]
    [InlineData("states[1].activities[2].to", "States[1].Activities[2].ToUserField")]
    [InlineData("transitions[1].activities[0].to", "Transitions[1].Activities[0].ToText")]
    [InlineData("transitions[0].activities[0].to", "Transitions[0].Activities[0].ToKind")]
    [InlineData("states[1].activities[0].after", "States[1].Activities[0].AfterDays")]
    [InlineData("states[1].activities[0].repeat", "States[1].Activities[0].RepeatDays")]
    [InlineData("states[1].activities[1].transitionId", "States[1].Activities[1].TransitionKey")]
    [InlineData("transitions[1].activities[2].contentType", "Transitions[1].Activities[2].TargetType")]
    [InlineData("transitions[1].activities[0].body", "Transitions[1].Activities[0].Body")]
    public void Validator_paths_name_the_form_inputs(string path, string key) =>
        Assert.Equal(key, WorkflowFormMapper.FormKey(path, Everything()));

    [Fact]
    public void Every_path_the_validator_reports_for_a_broken_definition_names_an_input_of_the_form()
    {
        var broken = Everything();
        broken.InitialState = "Saknas";
        broken.States[1].Name = "";
        broken.Transitions[0].Id = "Ogiltig nyckel";
        broken.Transitions[0].Roles = ["Finns inte"];
        broken.Transitions[0].Conditions[1].Value = null;
        ((StartTimerActivity)broken.States[1].Activities[0]).Repeat = TimeSpan.FromSeconds(5);
        ((SendMailActivity)broken.Transitions[1].Activities[0]).To.Value = "inte en adress";
        ((SendMailActivity)broken.Transitions[1].Activities[1]).Body = "{{ trasig";

        var problems = WorkflowDefinitionValidator.Validate(broken, Type, RoleOrder.ToHashSet(), Types());
        var inputs = InputNames(WorkflowFormMapper.FromDefinition(Everything(), 1));
        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.Contains(WorkflowFormMapper.FormKey(p.Path, broken), inputs));
    }

    [Fact]
    public void Adding_moving_and_removing_change_the_working_copy_and_say_where_focus_goes()
    {
        var form = WorkflowFormMapper.FromDefinition(Everything(), 1);

        var added = WorkflowFormEdits.Apply(form, "add:States")!;
        Assert.Equal(4, form.States.Count);
        Assert.Equal("s4", form.States[3].Key);
        Assert.Equal("States_3__Name", added.FocusId);

        var moved = WorkflowFormEdits.Apply(form, "up:Transitions[1]")!;
        Assert.Equal("avslas", form.Transitions[0].Id);
        Assert.Equal(WorkflowFormEdits.MoveButtonId("down", "Transitions[0]"), moved.FocusId); // first now: its "up" button is gone
        Assert.Contains("flyttad upp till plats 1", moved.Notice, StringComparison.Ordinal);

        form.Transitions[0].NewActivityKind = ActivityKindNames.Webhook;
        WorkflowFormEdits.Apply(form, "add:Transitions[0].Activities");
        Assert.Equal(ActivityKindNames.Webhook, form.Transitions[0].Activities[^1].Kind);

        // Removing the transition a timer takes clears the timer's choice.
        var timer = form.AllActivities.Single(a => a.TransitionKey is { Length: > 0 });
        WorkflowFormEdits.Apply(form, "remove:Transitions[0]");
        Assert.Equal("", timer.TransitionKey);
        Assert.Equal(["bedom"], form.Transitions.Select(t => t.Id));

        // Removing the state "Under bedömning" (s2) leaves the transitions that used it asking for one.
        WorkflowFormEdits.Apply(form, "remove:States[1]");
        Assert.Equal(["s1", "s3", "s4"], form.States.Select(s => s.Key));
        Assert.Equal("s1", form.Transitions[0].From);
        Assert.Equal("", form.Transitions[0].To);
        Assert.Equal("Bedöm", form.Transitions[0].Label);
    }

    [Theory]
    [InlineData("save")]
    [InlineData("remove:States[9]")]
    [InlineData("add:States[0].Conditions")]
    [InlineData("up:Transitions")]
    [InlineData("drop:States[0]")]
    public void An_unknown_or_out_of_range_edit_changes_nothing(string op)
    {
        var form = WorkflowFormMapper.FromDefinition(Everything(), 1);
        var before = JsonSerializer.Serialize(form);
        Assert.Null(WorkflowFormEdits.Apply(form, op));
        Assert.Equal(before, JsonSerializer.Serialize(form));
    }

    [Fact]
    public void Adding_an_activity_without_choosing_its_kind_asks_for_it()
    {
        var form = WorkflowFormMapper.FromDefinition(Everything(), 1);
        var edit = WorkflowFormEdits.Apply(form, "add:States[0].Activities")!;
        Assert.Empty(form.States[0].Activities);
        Assert.Equal("States_0__NewActivityKind", edit.FocusId);
    }

    [Fact]
    public void Posted_keys_are_not_trusted_duplicates_and_junk_get_new_ones()
    {
        var form = new WorkflowForm
        {
            States = [new() { Key = "s1" }, new() { Key = "s1" }, new() { Key = "<script>" }],
            Transitions = [new() { Key = "s1" }],
        };
        WorkflowFormEdits.Normalize(form);
        Assert.Equal(["s1", "s2", "s3"], form.States.Select(s => s.Key));
        Assert.Equal("t1", form.Transitions[0].Key);
    }

    [Fact]
    public void Every_activity_kind_the_editor_offers_is_the_json_kind_of_its_class()
    {
        WorkflowActivity[] all =
        [
            new SendMailActivity(), new NotifyActivity(), new AssignActivity(), new SetFieldActivity { Field = "f" },
            new CreateLinkedItemActivity { ContentType = "T" }, new StartTimerActivity(), new WebhookActivity { Url = "https://x" },
        ];
        var jsonKinds = all.Select(a => JsonDocument.Parse(JsonSerializer.Serialize(a, WorkflowDefinitionStore.Json)).RootElement.GetProperty("kind").GetString()).ToList();

        Assert.Equal(jsonKinds, all.Select(ActivityKindNames.Of));
        Assert.Equal(jsonKinds.Order(), EditorTexts.ActivityKinds.Select(k => k.Kind).Order());
        Assert.All(all, a => Assert.Equal(ActivityKindNames.Of(a), WorkflowFormEdits.NewActivity(ActivityKindNames.Of(a)).Kind));
    }

    [Fact]
    public void The_graph_quotes_every_label_and_skips_transitions_without_both_states()
    {
        var form = WorkflowFormMapper.FromDefinition(Everything(), 1);
        form.States[0].Name = "Ny \"idé\" #1 <b>%%{init}%%";
        form.Transitions[1].To = "";

        var graph = WorkflowGraph.Mermaid(form);
        var lines = graph.Split('\n');
        Assert.Contains("  n0[\"Ny \u201Didé\u201D \uFF031 \u2039b\u203A\uFF05\uFF05{init}\uFF05\uFF05\"]", lines);
        Assert.Contains("  n2([\"Beslutad\"])", lines);
        Assert.Contains("  start((Start)) --> n0", lines);
        Assert.Contains("  n0 -->|\"Bedöm\"| n1", lines);
        Assert.DoesNotContain(lines, l => l.Contains("Avslå", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("default-src 'self'; style-src 'self'; script-src 'self'", "default-src 'self'; style-src 'self' 'nonce-abc'; script-src 'self'")]
    [InlineData("default-src 'self'; script-src 'self'", "default-src 'self'; script-src 'self'; style-src 'self' 'nonce-abc'")]
    public void The_editor_adds_its_nonce_to_style_src_and_nothing_else(string policy, string expected) =>
        Assert.Equal(expected, GraphStyleNonceAttribute.WithStyleNonce(policy, "abc"));

    [Fact]
    public void Errors_are_listed_in_the_order_the_page_shows_the_inputs()
    {
        string[] keys = ["Transitions[1].Label", "States[10].Name", "", "States[2].Activities[0].Body", "InitialState", "States[2].Name", "Transitions[0].Roles"];
        Assert.Equal(
            ["", "InitialState", "States[2].Name", "States[2].Activities[0].Body", "States[10].Name", "Transitions[0].Roles", "Transitions[1].Label"],
            keys.Order(FormKeyOrder.Instance));
    }

    private static Dictionary<string, ContentTypeDefinition> Types() => new()
    {
        [Type.Name] = Type,
        ["Projektforslag"] = new()
        {
            Name = "Projektforslag",
            DisplayName = "Projektförslag",
            Fields =
            [
                new() { Name = "ursprung", Label = "Ursprung", Kind = FieldKind.ContentReference },
                new() { Name = "text", Label = "Text", Kind = FieldKind.LongText },
                new() { Name = "datum", Label = "Datum", Kind = FieldKind.Date },
            ],
        },
    };

    /// <summary>The names the edit page gives its inputs (and input groups) for this form.</summary>
    private static HashSet<string> InputNames(WorkflowForm form)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { "", "DisplayName", "InitialState", "States", "Transitions" };
        void Activities(string owner, List<ActivityForm> activities)
        {
            names.Add($"{owner}.Activities");
            for (var j = 0; j < activities.Count; j++)
            {
                foreach (var input in typeof(ActivityForm).GetProperties().Select(p => p.Name))
                {
                    names.Add($"{owner}.Activities[{j}].{input}");
                }
            }
        }

        for (var i = 0; i < form.States.Count; i++)
        {
            foreach (var input in new[] { "Name", "Description", "Final", "ViewRoles", "EditRoles", "OwnerCanView", "OwnerCanEdit" })
            {
                names.Add($"States[{i}].{input}");
            }

            Activities($"States[{i}]", form.States[i].Activities);
        }

        for (var i = 0; i < form.Transitions.Count; i++)
        {
            foreach (var input in new[] { "Id", "From", "To", "Label", "Roles", "AllowAssignee", "AllowOwner", "CommentRequired", "RequiredFields" })
            {
                names.Add($"Transitions[{i}].{input}");
            }

            for (var c = 0; c < form.Transitions[i].Conditions.Count; c++)
            {
                names.Add($"Transitions[{i}].Conditions[{c}].Field");
                names.Add($"Transitions[{i}].Conditions[{c}].Operator");
                names.Add($"Transitions[{i}].Conditions[{c}].Value");
            }

            Activities($"Transitions[{i}]", form.Transitions[i].Activities);
        }

        return names;
    }
}
