namespace TodoApp.Todos;

/// <summary>One user's view of the list: which todos to show, the text being typed, how many todos remain, and this view's live-state tag.</summary>
public sealed record TodoViewState
{
    public string Filter { get; init; } = TodoView.All;

    public string Draft { get; init; } = string.Empty;

    public int Remaining { get; init; }

    public string EditorKey { get; init; } = string.Empty;
}
