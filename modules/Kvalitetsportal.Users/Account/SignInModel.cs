using System.ComponentModel.DataAnnotations;

namespace Kvalitetsportal.Users.Account;

public sealed class SignInModel
{
    [Display(Name = "E-postadress")]
    [Required(ErrorMessage = "Skriv din e-postadress.")]
    [StringLength(256, ErrorMessage = "E-postadressen får vara högst {1} tecken.")]
    public string Email { get; set; } = "";

    [Display(Name = "Lösenord")]
    [Required(ErrorMessage = "Skriv ditt lösenord.")]
    [StringLength(200, ErrorMessage = "Lösenordet får vara högst {1} tecken.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Display(Name = "Kom ihåg mig på den här datorn")]
    public bool RememberMe { get; set; }

    public string? ReturnUrl { get; set; }
}
