namespace TodoApp.Todos;

/// <summary>One user's view of the list: which todos to show and the text being typed.</summary>
public sealed record TodoViewState
{
    public string Filter { get; init; } = TodoView.All;

    public string Draft { get; init; } = string.Empty;
}
