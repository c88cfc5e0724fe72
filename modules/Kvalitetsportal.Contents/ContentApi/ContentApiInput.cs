using System.Text.Json;
using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Fields;
using Kvalitetsportal.Contents.Items;
using Kvalitetsportal.Organisation.Data;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;

namespace Kvalitetsportal.Contents.ContentApi;

/// <summary>The outcome of reading a request body: a change to save, or the problems keyed by field name.</summary>
public sealed record ContentApiInputResult(ContentChange? Change, IDictionary<string, string[]> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Turns an API body into a <see cref="ContentChange"/> with the same rules as the form
/// (<see cref="FieldValues.Parse"/> per field), collecting Swedish messages under the field's
/// technical name ("title" and "unitId" for the item's own properties).
/// </summary>
public sealed class ContentApiInput(UserManager<PortalUser> users, IUnitDirectory unitDirectory)
{
    public const int MaxTitleLength = 300;

    public async Task<ContentApiInputResult> ReadAsync(ContentTypeDefinition type, ContentWriteRequest body, ContentItem? existing, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string key, string message)
        {
            if (!errors.TryGetValue(key, out var list))
            {
                errors[key] = list = [];
            }

            list.Add(message);
        }

        var title = body.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            Add("title", $"{type.TitleLabel} måste fyllas i.");
        }
        else if (title.Length > MaxTitleLength)
        {
            Add("title", $"{type.TitleLabel} får vara högst {MaxTitleLength} tecken (nu {title.Length}).");
        }

        if (body.UnitId is int unitId)
        {
            var units = await unitDirectory.LoadAsync(cancellationToken);
            if (units.NameOf(unitId) is null)
            {
                Add("unitId", "Enheten finns inte. Välj en enhet i organisationen.");
            }
            else if (!units.IsActive(unitId) && unitId != existing?.OrganisationUnitId)
            {
                Add("unitId", "Enheten är nedlagd. Välj en annan enhet.");
            }
        }

        var posted = body.Data ?? [];
        foreach (var (key, _) in posted)
        {
            var field = type.Field(key);
            if (field is null)
            {
                Add(key, $"Fältet \"{key}\" finns inte i {type.DisplayName}.");
            }
            else if (field.Kind == FieldKind.Files)
            {
                Add(key, $"{field.Label}: filer kan inte läggas till eller ändras via API:t. Använd formuläret i portalen.");
            }
        }

        var data = new JsonObject();
        var previous = existing?.GetData();
        foreach (var field in type.OrderedFields)
        {
            if (field.Kind == FieldKind.Files)
            {
                // Read-only here: an update keeps the item's files; a new item starts without.
                if (previous?[field.Name] is JsonNode files)
                {
                    data[field.Name] = files.DeepClone();
                }
                else if (field.Required)
                {
                    Add(field.Name, $"{field.Label}: bifoga minst en fil. Filer kan bara bifogas i formuläret i portalen.");
                }

                continue;
            }

            var input = ToInput(field, posted[field.Name], out var shapeError);
            if (shapeError is not null)
            {
                Add(field.Name, shapeError);
                continue;
            }

            var (value, error) = FieldValues.Parse(field, input!);
            if (error is null && field.Kind == FieldKind.User && value?.ToString() is { } user)
            {
                (value, error) = await ResolveUserAsync(field, user);
            }

            if (error is not null)
            {
                Add(field.Name, error);
            }
            else if (value is not null)
            {
                data[field.Name] = value;
            }
        }

        var result = errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        return new ContentApiInputResult(result.Count == 0 ? new ContentChange(title, body.UnitId, data) : null, result);
    }

    /// <summary>A JSON value as the form would have sent it: strings, numbers and booleans; arrays only for multiple choices.</summary>
    private static FieldInput? ToInput(ContentFieldDefinition field, JsonNode? node, out string? error)
    {
        error = null;
        switch (node)
        {
            case null:
                return new FieldInput([]);
            case JsonValue value when Scalar(value) is { } text:
                return new FieldInput([text]);
            case JsonArray array when field.Kind == FieldKind.Choice && field.Multiple && array.All(e => e is JsonValue v && Scalar(v) is not null):
                return new FieldInput([.. array.Select(e => Scalar((JsonValue)e!)!)]);
            case JsonArray:
                error = field.Kind == FieldKind.Choice && field.Multiple
                    ? $"{field.Label} ska vara en lista med alternativ som text."
                    : $"{field.Label} ska vara ett enda värde, inte en lista.";
                return null;
            default:
                error = $"{field.Label} har fel format.";
                return null;
        }
    }

    private static string? Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number => value.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    /// <summary>A user field takes a user id (as the API returns it) or an e-mail address (as the form takes it).</summary>
    private async Task<(JsonNode?, string?)> ResolveUserAsync(ContentFieldDefinition field, string idOrEmail)
    {
        var user = await users.FindByIdAsync(idOrEmail) ?? (idOrEmail.Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(idOrEmail) : null);
        return user is null
            ? (null, $"Det finns ingen användare med e-postadressen eller id:t {idOrEmail} ({field.Label}).")
            : (JsonValue.Create(user.Id), null);
    }
}
