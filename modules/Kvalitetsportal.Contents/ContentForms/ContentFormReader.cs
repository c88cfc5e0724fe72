using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Fields;
using Kvalitetsportal.Contents.Files;
using Kvalitetsportal.Contents.Items;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Kvalitetsportal.Contents.ContentForms;

public static class FileLimits
{
    public const int DefaultMaxKb = 20 * 1024;
    public const int DefaultMaxFiles = 10;
}

/// <summary>The outcome of reading a posted form: the change to save (when valid) and the form to show again.</summary>
public sealed record ContentFormResult(ContentChange? Change, ContentFormModel Form);

/// <summary>
/// Reads a posted content form into a change, putting every problem in ModelState under the
/// input's name. Everything the user typed comes back in the form model; valid uploads are
/// stored at once and carried in a protected token, so an error elsewhere does not lose them.
/// </summary>
public sealed class ContentFormReader(IFileStore files, IDataProtectionProvider protection, Func<string, Task<string?>>? resolveUserByEmail = null)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Kvalitetsportal.Contents.PendingFiles");

    public Func<string, Task<string?>>? ResolveUserByEmail { get; init; } = resolveUserByEmail;

    public async Task<ContentFormResult> ReadAsync(ContentTypeDefinition type, IFormCollection posted, ContentItem? existing, ModelStateDictionary modelState, CancellationToken cancellationToken = default)
    {
        var form = new ContentFormModel
        {
            Type = type,
            ContentItemId = existing?.ContentItemId,
            Title = posted[ContentFormModel.TitleInput].ToString().Trim(),
            Revision = int.TryParse(posted[ContentFormModel.RevisionInput], NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : 0,
        };

        if (form.Title.Length == 0)
        {
            modelState.AddModelError(ContentFormModel.TitleInput, $"{type.TitleLabel} måste fyllas i.");
        }
        else if (form.Title.Length > ContentFormModel.MaxTitleLength)
        {
            modelState.AddModelError(ContentFormModel.TitleInput, FieldValues.TooLongLine(type.TitleLabel, ContentFormModel.MaxTitleLength, form.Title));
        }

        var unitText = type.UnitFromSubmitter ? "" : posted[ContentFormModel.UnitInput].ToString();
        if (type.UnitFromSubmitter)
        {
            form.UnitId = existing?.OrganisationUnitId; // the owning unit is not the user's to choose
        }
        else if (unitText.Length > 0)
        {
            if (int.TryParse(unitText, NumberStyles.None, CultureInfo.InvariantCulture, out var unitId))
            {
                form.UnitId = unitId;
            }
            else
            {
                modelState.AddModelError(ContentFormModel.UnitInput, "Välj en enhet i listan.");
            }
        }

        var data = new JsonObject();
        var previous = existing?.GetData();
        foreach (var field in type.OrderedFields)
        {
            var name = ContentFormModel.InputName(field);
            if (field.Kind == FieldKind.Files)
            {
                var stored = await ReadFilesAsync(field, posted, previous?[field.Name], form, modelState, cancellationToken);
                if (stored.Count > 0)
                {
                    data[field.Name] = JsonSerializer.SerializeToNode(stored, JsonSerializerOptions.Web);
                }

                continue;
            }

            var input = new FieldInput([.. posted[name].Select(v => v ?? "")]);
            form.Values[field.Name] = input.Values;
            var (value, error) = FieldValues.Parse(field, input);
            if (error is null && field.Kind == FieldKind.User && value?.ToString() is { } email)
            {
                (value, error) = await ResolveUserAsync(field, email);
            }

            if (error is not null)
            {
                modelState.AddModelError(name, error);
            }
            else if (value is not null)
            {
                data[field.Name] = value;
            }
        }

        return new ContentFormResult(modelState.IsValid ? new ContentChange(form.Title, form.UnitId, data) : null, form);
    }

    private async Task<(JsonNode?, string?)> ResolveUserAsync(ContentFieldDefinition field, string email)
    {
        if (ResolveUserByEmail is null)
        {
            return (JsonValue.Create(email), null);
        }

        var userId = await ResolveUserByEmail(email);
        return userId is null ? (null, $"Det finns ingen användare med e-postadressen {email} ({field.Label}).") : (JsonValue.Create(userId), null);
    }

    private async Task<List<StoredFile>> ReadFilesAsync(ContentFieldDefinition field, IFormCollection posted, JsonNode? previous, ContentFormModel form, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        var name = ContentFormModel.InputName(field);
        var removed = posted[name + ".remove"].ToHashSet(StringComparer.Ordinal);
        var kept = (previous?.Deserialize<List<StoredFile>>(JsonSerializerOptions.Web) ?? []).Where(f => !removed.Contains(f.Id)).ToList();
        // A pending upload may already be saved in the item (an autosave stored it): keep it once.
        kept.AddRange(Unprotect(posted[name + ".pending"].ToString()).Where(f => !removed.Contains(f.Id) && !kept.Exists(k => k.Id == f.Id)));

        var maxBytes = (long)(field.MaxFileSizeKb ?? FileLimits.DefaultMaxKb) * 1024;
        foreach (var upload in posted.Files.GetFiles(name).Where(f => f.Length > 0 || f.FileName.Length > 0))
        {
            await using var stream = upload.OpenReadStream();
            var problem = await UploadCheck.CheckAsync(stream, upload.FileName, upload.Length, field.AllowedExtensions, maxBytes, cancellationToken);
            if (problem is not null)
            {
                modelState.AddModelError(name, problem);
                continue;
            }

            stream.Position = 0;
            try
            {
                kept.Add(await files.SaveAsync(stream, upload.FileName, upload.ContentType, cancellationToken));
            }
            catch (FileQuotaExceededException full)
            {
                modelState.AddModelError(name, full.SwedishMessage);
            }
        }

        var maxFiles = field.MaxFiles ?? FileLimits.DefaultMaxFiles;
        if (kept.Count > maxFiles)
        {
            modelState.AddModelError(name, $"{field.Label} får ha högst {maxFiles} filer.");
        }

        if (field.Required && kept.Count == 0 && !modelState.ContainsKey(name))
        {
            modelState.AddModelError(name, $"{field.Label}: bifoga minst en fil.");
        }

        form.Files[field.Name] = kept;
        var fresh = kept.Where(f => previous is null || !previous.AsArray().Any(p => p?["id"]?.ToString() == f.Id)).ToList();
        if (fresh.Count > 0)
        {
            form.PendingFileTokens[field.Name] = _protector.Protect(JsonSerializer.Serialize(fresh, JsonSerializerOptions.Web));
        }

        return kept;
    }

    private List<StoredFile> Unprotect(string token)
    {
        if (token.Length == 0)
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<StoredFile>>(_protector.Unprotect(token), JsonSerializerOptions.Web) ?? [];
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return []; // a forged or stale token attaches nothing
        }
    }
}
