namespace TodoApp.Account;

/// <summary>A user of the development sign-in, from configuration (<c>TodoApp:DevUsers</c>).</summary>
public sealed class DevUser
{
    /// <summary>The user name, also used as the user's id.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The user's roles (<c>admin</c> may clear the whole list).</summary>
    public List<string> Roles { get; set; } = [];
}
