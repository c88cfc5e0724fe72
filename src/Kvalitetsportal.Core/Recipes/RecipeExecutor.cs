using System.Text.Json;
using Kvalitetsportal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kvalitetsportal.Recipes;

/// <summary>
/// Runs a JSON recipe: { "name": "...", "steps": [ { "name": "roles", ... }, ... ] }.
/// All steps run in one transaction, so a bad recipe changes nothing.
/// </summary>
public sealed class RecipeExecutor(IServiceProvider services, ILogger<RecipeExecutor> logger)
{
    /// <param name="beforeCommit">Runs inside the recipe's transaction after the last step (e.g. to record that setup is done).</param>
    public async Task ExecuteAsync(Stream recipeJson, Func<PortalDbContext, Task>? beforeCommit = null, CancellationToken cancellationToken = default)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(recipeJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }, cancellationToken);
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
            await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var context = new RecipeContext { Services = services };
                var index = 0;
                foreach (var step in steps.EnumerateArray())
                {
                    index++;
                    var name = step.TryGetProperty("name", out var n) ? n.GetString() : null;
                    if (name is null || !handlers.TryGetValue(name, out var handler))
                    {
                        throw new RecipeException($"Steg {index}: okänt steg \"{name}\".");
                    }

                    try
                    {
                        await handler.ExecuteAsync(step, context, cancellationToken);
                    }
                    catch (RecipeException ex)
                    {
                        throw new RecipeException($"Steg {index} (\"{name}\"): {ex.Message}");
                    }

                    logger.LogInformation("Recipe step {StepIndex} {StepName} done", index, name);
                }

                if (beforeCommit is not null)
                {
                    await beforeCommit(db);
                }

                await transaction.CommitAsync(cancellationToken);
            });
        }
    }
}
