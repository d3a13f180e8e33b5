namespace Live.Client.Patching;

/// <summary>
/// A JSON Patch (RFC 6902) document could not be applied. The target document is left unchanged.
/// </summary>
internal sealed class JsonPatchException : Exception
{
    public JsonPatchException(string message, int operationIndex, string? path)
        : base(Format(message, operationIndex, path))
    {
        OperationIndex = operationIndex;
        Path = path;
    }

    /// <summary>The zero-based index of the failing operation, or -1 when the document itself is malformed.</summary>
    public int OperationIndex { get; }

    /// <summary>The JSON Pointer the failing operation addressed, when it had one.</summary>
    public string? Path { get; }

    private static string Format(string message, int operationIndex, string? path) =>
        operationIndex < 0
            ? message
            : path is null
                ? $"Patch operation {operationIndex}: {message}"
                : $"Patch operation {operationIndex} at '{path}': {message}";
}
