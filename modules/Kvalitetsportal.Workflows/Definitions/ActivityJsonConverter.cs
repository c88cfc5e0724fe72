using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Kvalitetsportal.Workflows.Definitions;

/// <summary>
/// Reads and writes an activity by its "kind", from <see cref="WorkflowActivityKinds"/>: a module's
/// kind round-trips through definitions, recipes and exports like a built-in one. The kind is
/// looked up on every call (not cached in a type contract), so a kind added after the first
/// definition was read still works.
/// </summary>
public sealed class ActivityJsonConverter : JsonConverter<WorkflowActivity>
{
    public const string Discriminator = "kind";

    public override bool CanConvert(Type typeToConvert) => typeToConvert == typeof(WorkflowActivity);

    public override WorkflowActivity? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (JsonNode.Parse(ref reader) is not JsonObject json)
        {
            throw new JsonException("En aktivitet måste vara ett JSON-objekt.");
        }

        var name = json[Discriminator] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        var kind = WorkflowActivityKinds.Find(name) ?? throw new JsonException(name is null ? "En aktivitet saknar \"kind\"." : $"Aktiviteten \"{name}\" är av en okänd sort.");
        json.Remove(Discriminator);
        return (WorkflowActivity?)json.Deserialize(kind.ActivityType, options);
    }

    public override void Write(Utf8JsonWriter writer, WorkflowActivity value, JsonSerializerOptions options)
    {
        var kind = WorkflowActivityKinds.Of(value) ?? throw new JsonException($"{value.GetType().Name} is not a registered workflow activity kind.");
        writer.WriteStartObject();
        writer.WriteString(Discriminator, kind.Kind);
        foreach (var (property, node) in JsonSerializer.SerializeToNode(value, kind.ActivityType, options)!.AsObject())
        {
            writer.WritePropertyName(property);
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer, options);
            }
        }

        writer.WriteEndObject();
    }
}
