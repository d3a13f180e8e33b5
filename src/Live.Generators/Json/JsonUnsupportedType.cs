namespace Live.Generators.Json;

/// <summary>A type the reader cannot produce JSON metadata for.</summary>
/// <param name="TypeDisplayName">The offending type, as C# shows it (e.g. <c>System.Action&lt;int&gt;</c>).</param>
/// <param name="Reason">Location-free explanation with the fix, fit to end a diagnostic message.</param>
/// <param name="Path">
/// Where it was reached from the root, e.g. <c>TodoListState.Callback</c> or <c>Order.Lines[]</c>; equal to the
/// root's display name when the root itself is unsupported.
/// </param>
internal sealed record JsonUnsupportedType(string TypeDisplayName, string Reason, string Path);
