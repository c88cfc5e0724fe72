using System.Text.Json;
using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Recipes;

/// <summary>
/// Runs a JSON recipe: { "name": "...", "steps": [ { "name": "roles", ... }, ... ] }.
/// All steps run in one transaction, so a bad recipe changes nothing. Run inside an open
/// transaction (a feature's recipe while a setup recipe enables the feature), it joins that one.
/// </summary>
public sealed class RecipeExecutor(IServiceProvider services, ILogger<RecipeExecutor> logger)
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <param name="beforeCommit">Runs inside the recipe's transaction after the last step (e.g. to record that setup is done).</param>
    public async Task ExecuteAsync(Stream recipeJson, Func<PortalDbContext, Task>? beforeCommit = null, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await recipeJson.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        JsonDocument document;
        List<int> stepLines;
        try
        {
            document = JsonDocument.Parse(bytes, Options);
            stepLines = StepLines(bytes);
        }
        catch (JsonException ex)
        {
            throw new RecipeException($"Receptet är inte giltig JSON (rad {ex.LineNumber + 1}): {ex.Message}");
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("steps", out var steps) || steps.ValueKind != JsonValueKind.Array)
            {
                throw new RecipeException("Receptet saknar en lista \"steps\".");
            }

            var handlers = services.GetServices<IRecipeStepHandler>().ToDictionary(h => h.StepName, StringComparer.OrdinalIgnoreCase);
            var db = services.GetRequiredService<PortalDbContext>();
            var strategy = db.Database.CreateExecutionStrategy();
            if (db.Database.CurrentTransaction is not null)
            {
                await RunStepsAsync(steps, stepLines, handlers, db, beforeCommit, cancellationToken);
                return;
            }

            await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await RunStepsAsync(steps, stepLines, handlers, db, beforeCommit, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });
        }
    }

    private async Task RunStepsAsync(JsonElement steps, List<int> stepLines, Dictionary<string, IRecipeStepHandler> handlers, PortalDbContext db, Func<PortalDbContext, Task>? beforeCommit, CancellationToken cancellationToken)
    {
        var context = new RecipeContext { Services = services };
        var index = 0;
        foreach (var step in steps.EnumerateArray())
        {
            index++;
            var line = index <= stepLines.Count ? stepLines[index - 1] : 0;
            var name = step.ValueKind == JsonValueKind.Object && step.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
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
