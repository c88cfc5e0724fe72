using System.ComponentModel.DataAnnotations;

namespace Kvalitetsportal.Users.Account;

/// <summary>The change-password form. Passwords are never written back into the page.</summary>
public sealed class ChangePasswordModel
{
    [Display(Name = "Nuvarande lösenord")]
    [Required(ErrorMessage = "Skriv ditt nuvarande lösenord.")]
    [StringLength(200, ErrorMessage = "Lösenordet får vara högst {1} tecken.")]
    [DataType(DataType.Password)]
    public string CurrentPassword { get; set; } = "";

    [Display(Name = "Nytt lösenord")]
    [Required(ErrorMessage = "Skriv ett nytt lösenord.")]
    [StringLength(200, ErrorMessage = "Lösenordet får vara högst {1} tecken.")]
    [DataType(DataType.Password)]
    public string NewPassword { get; set; } = "";

    [Display(Name = "Upprepa det nya lösenordet")]
    [Required(ErrorMessage = "Skriv det nya lösenordet en gång till.")]
    [StringLength(200, ErrorMessage = "Lösenordet får vara högst {1} tecken.")]
    [Compare(nameof(NewPassword), ErrorMessage = "Lösenorden är inte lika. Skriv samma nya lösenord i båda fälten.")]
    [DataType(DataType.Password)]
    public string ConfirmPassword { get; set; } = "";
}
