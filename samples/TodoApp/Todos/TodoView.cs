using Live;

namespace TodoApp.Todos;

/// <summary>Per-connection view state: the filter and the draft of the next todo.</summary>
[LiveComponent]
public sealed partial class TodoView : LiveComponent<TodoViewState>
{
    public const string All = "all";
    public const string Active = "active";
    public const string Completed = "completed";

    [PublicAction]
    public void SetFilter(string filter)
    {
        if (filter is not (All or Active or Completed))
        {
            throw new ArgumentException($"Filter must be '{All}', '{Active}' or '{Completed}'.", nameof(filter));
        }

        Filter = filter;
    }

    [PublicAction]
    public void SetDraft(string text) => Draft = text.Length <= TodoList.MaxTextLength ? text : text[..TodoList.MaxTextLength];
}
