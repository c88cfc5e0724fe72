using System.Text.Json;

namespace Kvalitetsportal.Recipes;

/// <summary>Executes one kind of recipe step (e.g. "roles", "organisation"). Modules register their own.</summary>
public interface IRecipeStepHandler
{
    string StepName { get; }

    /// <summary>
    /// The permission a user must have to run this step (a step that creates accounts or grants
    /// roles or permissions); null for none. The system (setup at first start) may run every step.
    /// </summary>
    string? RequiredPermission => null;

    Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken cancellationToken);
}

public sealed class RecipeContext
{
    public required IServiceProvider Services { get; init; }

    /// <summary>Values a step makes available to later steps (e.g. unit codes to ids).</summary>
    public IDictionary<string, object> Properties { get; } = new Dictionary<string, object>();

    /// <summary>
    /// The address each recipe user really got (an "emailSetting" may replace the recipe's), for
    /// later steps that name people; only accounts that exist after the users step are listed.
    /// </summary>
    public IDictionary<string, string> AccountEmails { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}

public sealed class RecipeException(string message) : Exception(message);
