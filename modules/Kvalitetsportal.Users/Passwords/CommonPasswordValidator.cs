using System.Text.RegularExpressions;
using Kvalitetsportal.Users.Data;
using Microsoft.AspNetCore.Identity;

namespace Kvalitetsportal.Users.Passwords;

/// <summary>
/// NIST SP 800-63B: length over composition, and no password from a list of common and breached
/// ones. A listed word with only digits and symbols around it ("Sommar2026", "Lösenord123!") counts
/// as listed, and so do the person's own name or e-mail address and runs of one character.
/// </summary>
public sealed partial class CommonPasswordValidator : IPasswordValidator<PortalUser>
{
    public const string Code = "CommonPassword";

    private static readonly Lazy<HashSet<string>> Listed = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var lower = password.Trim().ToLowerInvariant();
        var core = Decoration().Replace(lower, "");
        if (Listed.Value.Contains(lower) || Listed.Value.Contains(core) || lower.Distinct().Count() < 4)
        {
            return Failed("Lösenordet är för vanligt och finns i listor som används vid intrång (till exempel Sommar2026 eller Lösenord123). Välj en längre fras som bara du känner till, gärna flera ord.");
        }

        var personal = new[] { user.Email?.Split('@')[0], user.DisplayName }
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .SelectMany(v => v!.ToLowerInvariant().Split([' ', '.', '-', '_'], StringSplitOptions.RemoveEmptyEntries))
            .Where(part => part.Length >= 4);
        return personal.Any(part => core == part || lower.Contains(part, StringComparison.Ordinal) && core.Length - part.Length < 4)
            ? Failed("Lösenordet får inte bygga på ditt namn eller din e-postadress.")
            : Task.FromResult(IdentityResult.Success);
    }

    private static Task<IdentityResult> Failed(string description) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = Code, Description = description }));

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Kvalitetsportal.Users.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The bundled list of common passwords is missing.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line.Trim());
            }
        }

        return words;
    }

    /// <summary>Digits, spaces and symbols at either end.</summary>
    [GeneratedRegex(@"^[\d\W_]+|[\d\W_]+$")]
    private static partial Regex Decoration();
}
