namespace TodoApp.Todos;

/// <summary>One todo. The <c>Id</c> member makes lists of todos diff by key.</summary>
public sealed record TodoItem(Guid Id, string Text, bool Done);
