using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Access;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Notifications.Mail;
using Kvalitetsportal.Notifications.Outbox;
using Kvalitetsportal.Workflows.Definitions;
using Kvalitetsportal.Workflows.Runtime;
using Kvalitetsportal.Workflows.Timers;

namespace Kvalitetsportal.UnitTests.Workflows;

public sealed class TemplatesTests
{
    private static readonly Templates Templates = new();

    private static TemplateModel Model(string title = "Bättre skyltning", string? comment = "Ja, vi gör det!") => new(
        new Dictionary<string, object?>
        {
            ["title"] = title,
            ["url"] = "https://kvalitet.kommun.test/innehall/Forslag/abc",
            ["state"] = "Genomförs",
            ["state_description"] = "Förslaget ska genomföras.",
            ["fields"] = new Dictionary<string, object?> { ["kostnad"] = "12 000" },
        },
        comment,
        "Besluta: genomförs",
        "Bertil Bedömare")
    { RecipientName = "Anna Andersson" };

    [Fact]
    public void The_model_fills_item_fields_comment_transition_actor_and_recipient()
    {
        var text = Templates.Render("Hej {{ recipient.name }}! \"{{ item.title }}\": {{ item.state }} ({{ item.state_description }}) – {{ transition.label }} av {{ actor.name }}: {{ comment }} Kostnad {{ item.fields.kostnad }}. {{ item.url }}", Model());

        Assert.Equal("Hej Anna Andersson! \"Bättre skyltning\": Genomförs (Förslaget ska genomföras.) – Besluta: genomförs av Bertil Bedömare: Ja, vi gör det! Kostnad 12 000. https://kvalitet.kommun.test/innehall/Forslag/abc", text);
    }

    [Fact]
    public void A_subject_is_one_line()
    {
        Assert.Equal("Beslut: Bättre skyltning", Templates.RenderSubject("Beslut:\n  {{ item.title }}\n", Model()));
    }

    [Fact]
    public void The_html_part_encodes_everything_and_keeps_lines_and_links()
    {
        var text = Templates.Render("Motivering: {{ comment }}\nLäs mer: {{ item.url }}", Model(comment: "<script>alert('x')</script> & så vidare"));
        var html = MailText.ToHtml(text, "Beslut <om> skyltning", "https://kvalitet.kommun.test/");

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&amp; så vidare<br>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://kvalitet.kommun.test/innehall/Forslag/abc\">", html, StringComparison.Ordinal);
        Assert.Contains("<head><meta charset=\"utf-8\"><title>Beslut &lt;om&gt; skyltning</title></head>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://kvalitet.kommun.test.example.net/logga-in")]
    [InlineData("https://bank.example/kvalitet.kommun.test/")]
    [InlineData("http://kvalitet.kommun.test/")]
    public void A_link_someone_typed_stays_text_in_official_mail(string typed)
    {
        var text = Templates.Render("Nytt förslag: {{ item.title }}\nLäs mer: {{ item.url }}", Model(title: $"Se {typed} nu"));
        var html = MailText.ToHtml(text, "Nytt förslag", "https://kvalitet.kommun.test");

        Assert.Contains($"Se {typed} nu", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"{typed}", html, StringComparison.Ordinal);
        Assert.Equal(1, html.Split("<a href=").Length - 1); // the portal's own link only
    }

    [Fact]
    public void A_broken_template_is_shown_as_written_rather_than_failing_the_transition()
    {
        Assert.Equal("Beslut {{ item.title ", Templates.Render("Beslut {{ item.title ", Model()));
    }
}

public sealed class WorkflowConditionsTests
{
    private static readonly ContentTypeDefinition Type = new()
    {
        Name = "Forslag",
        DisplayName = "Förslag",
        Fields =
        [
            new() { Name = "kostnad", Label = "Kostnad", Kind = FieldKind.Number },
            new() { Name = "kategori", Label = "Kategori", Kind = FieldKind.Choice, Multiple = true, Choices = ["Miljö", "Ekonomi"] },
            new() { Name = "bradskande", Label = "Brådskande", Kind = FieldKind.YesNo },
            new() { Name = "beslut", Label = "Beslut", Kind = FieldKind.LongText },
        ],
    };

    private static readonly JsonObject Data = new() { ["kostnad"] = 150000m, ["kategori"] = new JsonArray("Miljö"), ["bradskande"] = true, ["beslut"] = " " };

    [Theory]
    [InlineData("kostnad", ConditionOperator.GreaterThan, "100000", true)]
    [InlineData("kostnad", ConditionOperator.LessThan, "100000", false)]
    [InlineData("kostnad", ConditionOperator.Equals, "150000,0", true)]
    [InlineData("kategori", ConditionOperator.Equals, "Miljö", true)]
    [InlineData("kategori", ConditionOperator.NotEquals, "Ekonomi", true)]
    [InlineData("bradskande", ConditionOperator.Equals, "ja", true)]
    [InlineData("beslut", ConditionOperator.IsEmpty, null, true)]
    [InlineData("saknas", ConditionOperator.HasValue, null, false)]
    public void Conditions_compare_values_as_their_kind(string field, ConditionOperator op, string? value, bool holds) =>
        Assert.Equal(holds, WorkflowConditions.Holds(new FieldCondition { Field = field, Operator = op, Value = value }, Type, Data));

    [Fact]
    public void Missing_required_fields_are_named_by_their_labels()
    {
        var transition = new WorkflowTransition { Id = "besluta", From = "A", To = "B", Label = "Besluta", RequiredFields = ["kostnad", "beslut"] };
        Assert.Equal(["Beslut"], WorkflowConditions.MissingFields(transition, Type, Data));
    }
}

public sealed class WorkflowAccessTests
{
    private static ContentItem Item(string? state, string owner = "anna") => new() { ContentItemId = "x", ContentType = "Forslag", OwnerId = owner, AuthorId = owner, WorkflowState = state, Latest = true };

    [Fact]
    public void A_clause_that_includes_items_without_state_matches_drafts_in_memory_and_in_the_predicate()
    {
        var clause = new ContentAccessClause("Forslag", OwnerId: "anna", States: new HashSet<string> { "Inskickad" }, IncludeNoState: true);
        var scope = new ContentAccessScope([clause]);
        var predicate = scope.ToPredicate().Compile();

        foreach (var (item, expected) in new[] { (Item(null), true), (Item("Inskickad"), true), (Item("Utreds"), false), (Item(null, owner: "karl"), false) })
        {
            Assert.Equal(expected, scope.Matches(item));
            Assert.Equal(expected, predicate(item));
        }

        Assert.False(new ContentAccessScope([clause with { IncludeNoState = false }]).Matches(Item(null)));
    }

    [Fact]
    public void The_holder_is_a_person_or_a_member_of_the_role()
    {
        var actor = new WorkflowActor("u1", "Bertil", new HashSet<string> { "Bedömare" }, null);
        Assert.True(WorkflowEngine.IsHolder(Assignee.User("u1"), actor));
        Assert.True(WorkflowEngine.IsHolder(Assignee.Role("Bedömare"), actor));
        Assert.False(WorkflowEngine.IsHolder(Assignee.Role("Chef"), actor));
        Assert.False(WorkflowEngine.IsHolder(null, actor));
    }
}

public sealed class OutboxAndTimerTests
{
    [Fact]
    public void A_webhook_signature_is_hmac_sha256_of_timestamp_and_body()
    {
        // echo -n '1700000000.{"a":1}' | openssl dgst -sha256 -hmac hemligt
        Assert.Equal("sha256=724167aaee267d2f71f6f06c7fd26012c98c144491f2a993f9395c77bd90eefb", WebhookSender.Sign("hemligt", "1700000000", "{\"a\":1}"));
        Assert.NotEqual(WebhookSender.Sign("hemligt", "1700000000", "{\"a\":1}"), WebhookSender.Sign("hemligt", "1700000001", "{\"a\":1}"));
    }

    [Fact]
    public void A_timer_activity_is_found_again_by_its_key()
    {
        var reminder = new StartTimerActivity { Label = "Påminn", After = TimeSpan.FromDays(14) };
        var definition = new WorkflowDefinition
        {
            ContentType = "Forslag",
            InitialState = "Inskickad",
            States = [new() { Name = "Inskickad", Activities = [new NotifyActivity(), reminder] }],
            Transitions = [new() { Id = "ta-upp", From = "Inskickad", To = "Inskickad", Label = "Ta upp", Activities = [reminder] }],
        };

        Assert.Same(reminder, TimerFiring.Find(definition, "state:Inskickad:1"));
        Assert.Same(reminder, TimerFiring.Find(definition, "transition:ta-upp:0"));
        Assert.Null(TimerFiring.Find(definition, "state:Inskickad:2"));
        Assert.Null(TimerFiring.Find(definition, "state:Saknas:0"));
    }
}
