namespace TodoApp.Todos;

/// <summary>One user's view of the list: which todos to show, the text being typed and how many todos remain.</summary>
public sealed record TodoViewState
{
    public string Filter { get; init; } = TodoView.All;

    public string Draft { get; init; } = string.Empty;

    public int Remaining { get; init; }
}
