using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Kvalitetsportal.Users;

/// <summary>Puts Identity's (Swedish) error messages beside the form field they concern.</summary>
internal static class IdentityErrorMapping
{
    /// <param name="passwordField">The field password-policy errors belong to, or null if the form has none.</param>
    /// <param name="emailField">The field e-mail and user-name errors belong to, or null.</param>
    public static void AddIdentityErrors(this ModelStateDictionary modelState, IdentityResult result, string? passwordField = null, string? emailField = null, string? roleNameField = null)
    {
        var codes = result.Errors.Select(e => e.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var error in result.Errors)
        {
            // The user name is the e-mail address: one message about it is enough.
            if ((error.Code == nameof(IdentityErrorDescriber.DuplicateUserName) && codes.Contains(nameof(IdentityErrorDescriber.DuplicateEmail)))
                || (error.Code == nameof(IdentityErrorDescriber.InvalidUserName) && codes.Contains(nameof(IdentityErrorDescriber.InvalidEmail))))
            {
                continue;
            }

            var field = error.Code switch
            {
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) && error.Code != nameof(IdentityErrorDescriber.PasswordMismatch) => passwordField,
                nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.InvalidEmail)
                    or nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.InvalidUserName) => emailField,
                nameof(IdentityErrorDescriber.DuplicateRoleName) or nameof(IdentityErrorDescriber.InvalidRoleName) => roleNameField,
                _ => null,
            };
            modelState.AddModelError(field ?? string.Empty, error.Description);
        }
    }
}
