using System.Security.Claims;
using System.Text.Json;
using Kvalitetsportal.Audit;
using Kvalitetsportal.Data;
using Kvalitetsportal.Permissions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Recipes;

/// <summary>
/// Runs a JSON recipe: { "name": "...", "steps": [ { "name": "roles", ... }, ... ] }.
/// All steps run in one transaction, so a bad recipe changes nothing. Run inside an open
/// transaction (a feature's recipe while a setup recipe enables the feature), it joins that one.
/// Without <see cref="RecipeRun"/> the recipe runs as the system (setup at first start, a feature's
/// recipe) and may do everything; run for a user, it runs only the steps the page is for, each step
/// only with the permission it needs, and every step it runs is in the audit log.
/// </summary>
public sealed class RecipeExecutor(IServiceProvider services, ILogger<RecipeExecutor> logger)
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <param name="beforeCommit">Runs inside the recipe's transaction after the last step (e.g. to record that setup is done).</param>
    public Task ExecuteAsync(Stream recipeJson, Func<PortalDbContext, Task>? beforeCommit = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(recipeJson, RecipeRun.System, beforeCommit, cancellationToken);

    public async Task ExecuteAsync(Stream recipeJson, RecipeRun run, Func<PortalDbContext, Task>? beforeCommit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var (document, stepLines) = await ParseAsync(recipeJson, cancellationToken);
        using (document)
        {
            var steps = Steps(document);
            var handlers = services.GetServices<IRecipeStepHandler>().ToDictionary(h => h.StepName, StringComparer.OrdinalIgnoreCase);
            await CheckAllowedAsync(steps, stepLines, handlers, run, cancellationToken);
            var db = services.GetRequiredService<PortalDbContext>();
            var strategy = db.Database.CreateExecutionStrategy();
            if (db.Database.CurrentTransaction is not null)
            {
                await RunStepsAsync(steps, stepLines, handlers, db, run, beforeCommit, cancellationToken);
                return;
            }

            await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await RunStepsAsync(steps, stepLines, handlers, db, run, beforeCommit, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });
        }
    }

    /// <summary>
    /// What the recipe would do, without doing it: its steps, each with how many entries it has.
    /// Refused (a <see cref="RecipeException"/>) exactly as <see cref="ExecuteAsync(Stream, RecipeRun, Func{PortalDbContext, Task}?, CancellationToken)"/> would refuse it before running.
    /// </summary>
    public async Task<IReadOnlyList<RecipeStepPreview>> PreviewAsync(Stream recipeJson, RecipeRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var (document, stepLines) = await ParseAsync(recipeJson, cancellationToken);
        using (document)
        {
            var steps = Steps(document);
            var handlers = services.GetServices<IRecipeStepHandler>().ToDictionary(h => h.StepName, StringComparer.OrdinalIgnoreCase);
            await CheckAllowedAsync(steps, stepLines, handlers, run, cancellationToken);
            var preview = new List<RecipeStepPreview>();
            var index = 0;
            foreach (var step in steps.EnumerateArray())
            {
                index++;
                var line = index <= stepLines.Count ? stepLines[index - 1] : 0;
                var name = StepName(step);
                if (name is null || !handlers.ContainsKey(name))
                {
                    throw new RecipeException($"Steg {index} (rad {line}): okänt steg \"{name}\".");
                }

                var entries = step.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array).Select(p => p.Value.GetArrayLength()).FirstOrDefault();
                preview.Add(new RecipeStepPreview(index, name, line, entries));
            }

            return preview;
        }
    }

    private static async Task<(JsonDocument Document, List<int> StepLines)> ParseAsync(Stream recipeJson, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await recipeJson.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        try
        {
            return (JsonDocument.Parse(bytes, Options), StepLines(bytes));
        }
        catch (JsonException ex)
        {
            throw new RecipeException($"Receptet är inte giltig JSON (rad {ex.LineNumber + 1}): {ex.Message}");
        }
    }

    private static JsonElement Steps(JsonDocument document) =>
        document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("steps", out var steps) && steps.ValueKind == JsonValueKind.Array
            ? steps
            : throw new RecipeException("Receptet saknar en lista \"steps\".");

    /// <summary>
    /// Before anything runs: every step must be one the run allows and one its user may run.
    /// All refused steps are named at once, so the user sees the whole problem.
    /// </summary>
    private async Task CheckAllowedAsync(JsonElement steps, List<int> stepLines, Dictionary<string, IRecipeStepHandler> handlers, RecipeRun run, CancellationToken cancellationToken)
    {
        if (run.User is null)
        {
            return;
        }

        var permissions = services.GetRequiredService<IPermissionService>();
        var notHere = new List<string>();
        var notPermitted = new List<string>();
        var index = 0;
        foreach (var step in steps.EnumerateArray())
        {
            index++;
            var line = index <= stepLines.Count ? stepLines[index - 1] : 0;
            var name = StepName(step);
            var described = $"steg {index} \"{name}\" (rad {line})";
            if (name is null || (run.AllowedSteps is { } allowed && !allowed.Contains(name, StringComparer.OrdinalIgnoreCase)))
            {
                notHere.Add(described);
            }
            else if (handlers.TryGetValue(name, out var handler) && handler.RequiredPermission is { } permission
                && !await permissions.HasPermissionAsync(run.User, permission, cancellationToken))
            {
                notPermitted.Add(described);
            }
        }

        var problems = new List<string>();
        if (notHere.Count > 0)
        {
            problems.Add($"Här kan bara stegen {string.Join(", ", (run.AllowedSteps ?? []).Select(s => $"\"{s}\""))} köras; receptet har också {string.Join(", ", notHere)}.");
        }

        if (notPermitted.Count > 0)
        {
            problems.Add($"Du saknar behörighet att köra {string.Join(", ", notPermitted)}.");
        }

        if (problems.Count > 0)
        {
            logger.LogWarning("Recipe refused before running: {RefusedSteps} steps not allowed here, {UnpermittedSteps} not permitted", notHere.Count, notPermitted.Count);
            throw new RecipeException($"Inga steg kördes. {string.Join(" ", problems)}");
        }
    }

    private static string? StepName(JsonElement step) =>
        step.ValueKind == JsonValueKind.Object && step.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;

    private async Task RunStepsAsync(JsonElement steps, List<int> stepLines, Dictionary<string, IRecipeStepHandler> handlers, PortalDbContext db, RecipeRun run, Func<PortalDbContext, Task>? beforeCommit, CancellationToken cancellationToken)
    {
        var audit = run.User is null ? null : services.GetService<IAuditTrail>();
        var context = new RecipeContext { Services = services };
        var index = 0;
        foreach (var step in steps.EnumerateArray())
        {
            index++;
            var line = index <= stepLines.Count ? stepLines[index - 1] : 0;
            var name = StepName(step);
            if (name is null || !handlers.TryGetValue(name, out var handler))
            {
                throw new RecipeException($"Steg {index} (rad {line}): okänt steg \"{name}\".");
            }

            try
            {
                await handler.ExecuteAsync(step, context, cancellationToken);
            }
            catch (RecipeException ex)
            {
                throw new RecipeException($"Steg {index} (\"{name}\", rad {line}): {ex.Message}");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A recipe is input: whatever a step trips over is reported as a bad recipe, never a 500.
                logger.LogWarning(ex, "Recipe step {StepIndex} {StepName} failed", index, name);
                throw new RecipeException($"Steg {index} (\"{name}\", rad {line}): steget kunde inte genomföras. Kontrollera att alla värden har rätt form.");
            }

            if (audit is not null)
            {
                // In the recipe's transaction: the log never names a step that did not happen.
                audit.Record(new AuditEntry(AuditCategories.Recipes, AuditActions.RecipeStepRun, AuditSubjectTypes.RecipeStep, name, $"Steg {index}: {name}")
                {
                    ActorId = run.User?.FindFirstValue(ClaimTypes.NameIdentifier),
                    Changes = AuditValues.Changes(("recipe", "Recept", null, run.Source), ("step", "Steg", null, $"{index} ({name}), rad {line}")),
                });
                await db.SaveChangesAsync(cancellationToken);
            }

            logger.LogInformation("Recipe step {StepIndex} {StepName} done", index, name);
        }

        if (beforeCommit is not null)
        {
            await beforeCommit(db);
        }
    }

    /// <summary>The line on which each element of the top-level "steps" array starts, for messages.</summary>
    private static List<int> StepLines(byte[] json)
    {
        var lines = new List<int>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var inSteps = false;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("steps"u8))
            {
                inSteps = true;
            }
            else if (inSteps && reader.CurrentDepth == 2 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.String or JsonTokenType.Number or JsonTokenType.StartArray or JsonTokenType.Null or JsonTokenType.True or JsonTokenType.False)
            {
                lines.Add(1 + json.AsSpan(0, (int)reader.TokenStartIndex).Count((byte)'\n'));
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
            else if (inSteps && reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.EndArray)
            {
                break;
            }
        }

        return lines;
    }
}

/// <summary>Who runs a recipe and which steps the page that runs it is for.</summary>
/// <param name="User">The signed-in user; null is the system (setup at first start), which may run every step.</param>
/// <param name="AllowedSteps">The step names the page runs; null for every step.</param>
/// <param name="Source">What the recipe is (e.g. the file's name), for the audit log.</param>
public sealed record RecipeRun(ClaimsPrincipal? User, IReadOnlyList<string>? AllowedSteps, string? Source = null)
{
    public static RecipeRun System { get; } = new(null, null);
}

/// <summary>One step of a recipe as the confirmation page lists it: its number, name, line and number of entries (types, grants, …).</summary>
public sealed record RecipeStepPreview(int Index, string Name, int Line, int Entries);
