namespace Live;

/// <summary>What <see cref="LiveComponentBase.OnStateChangedAsync"/> receives.</summary>
public sealed class StateChangedContext
{
    internal StateChangedContext(IReadOnlyList<string> changedMembers, string? actionName)
    {
        ChangedMembers = changedMembers;
        ActionName = actionName;
    }

    /// <summary>
    /// The C# names of the state members assigned through the generated proxies. Empty when the state was
    /// replaced as a whole (<c>State = ...</c>) or marked with <c>StateHasChanged()</c>.
    /// </summary>
    public IReadOnlyList<string> ChangedMembers { get; }

    /// <summary>The action that made the change, or <see langword="null"/> for work run through <c>InvokeAsync</c>.</summary>
    public string? ActionName { get; }
}
