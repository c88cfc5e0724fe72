using Kvalitetsportal.Contents.Definitions;
using Kvalitetsportal.Contents.Items;

namespace Kvalitetsportal.Contents.Editing;

public enum CreateOutcome
{
    /// <summary>The item is saved; <see cref="CreateResult.Item"/> is it.</summary>
    Created,

    /// <summary>The form had errors: show it again with <see cref="CreateResult.FormToken"/>.</summary>
    Invalid,

    /// <summary>The same form was saved before: <see cref="CreateResult.EarlierId"/> is what it created.</summary>
    AlreadyCreated,

    /// <summary>The same form is being saved right now by an earlier post.</summary>
    InProgress,
}

public sealed record CreateResult(CreateOutcome Outcome, string FormToken, ContentItem? Item = null, string? EarlierId = null);

/// <summary>
/// The use case "create with a one-time form token": a create form carries a token
/// (<see cref="FormTokenInput"/>), and a double click or a reload after a slow answer saves one
/// item, not two. Every create page uses it (the generic page, Idésluss's idea form); the page
/// reads its own form and decides what to show for each <see cref="CreateOutcome"/>.
/// </summary>
public sealed class CreateWithFormToken(OneTimeFormTokens tokens, IContentManager contents)
{
    /// <summary>The name of the hidden input that carries the token.</summary>
    public const string FormTokenInput = "FormToken";

    /// <summary>A token for a new, empty form.</summary>
    public static string NewFormToken() => OneTimeFormTokens.NewToken();

    /// <param name="type">The type the item is created as (the full definition, also when the form showed fewer fields).</param>
    /// <param name="formToken">The posted token; a form without one (an old page) is saved without the check.</param>
    /// <param name="read">Reads and checks the posted form: the change to save, or null when the form has errors.</param>
    public async Task<CreateResult> CreateAsync(
        ContentTypeDefinition type,
        string ownerId,
        string? formToken,
        bool publish,
        Func<Task<ContentChange?>> read,
        CancellationToken cancellationToken = default)
    {
        var hasToken = OneTimeFormTokens.IsWellFormed(formToken);
        if (hasToken)
        {
            var (claim, earlierId) = tokens.TryClaim(ownerId, formToken!);
            if (claim == OneTimeFormTokens.Claim.Done)
            {
                return new CreateResult(CreateOutcome.AlreadyCreated, formToken!, EarlierId: earlierId);
            }

            if (claim == OneTimeFormTokens.Claim.InProgress)
            {
                return new CreateResult(CreateOutcome.InProgress, formToken!);
            }
        }

        ContentItem item;
        try
        {
            if (await read() is not { } change)
            {
                if (hasToken)
                {
                    tokens.Release(ownerId, formToken!);
                }

                return new CreateResult(CreateOutcome.Invalid, hasToken ? formToken! : NewFormToken());
            }

            item = await contents.CreateAsync(type, change, ownerId, publish, cancellationToken);
        }
        catch
        {
            if (hasToken)
            {
                tokens.Release(ownerId, formToken!);
            }

            throw;
        }

        if (hasToken)
        {
            tokens.Complete(ownerId, formToken!, item.ContentItemId);
        }

        return new CreateResult(CreateOutcome.Created, formToken ?? "", Item: item);
    }
}
