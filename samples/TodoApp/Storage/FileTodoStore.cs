using System.Text.Json;
using System.Text.Json.Serialization;
using TodoApp.Todos;

namespace TodoApp.Storage;

/// <summary>Keeps the list in a JSON file, replaced atomically on each save so a crash never leaves half a file.</summary>
public sealed partial class FileTodoStore(string path, ILogger<FileTodoStore> logger) : ITodoStore
{
    private readonly SemaphoreSlim writeGate = new(1, 1);

    public IReadOnlyList<TodoItem> Load()
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, TodoFileJson.Default.ListTodoItem) ?? [];
        }
        catch (JsonException ex)
        {
            LogUnreadable(logger, ex, path);
            return [];
        }
    }

    public async Task SaveAsync(IReadOnlyList<TodoItem> todos)
    {
        await writeGate.WaitAsync();
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var temporary = path + ".tmp";
            await using (var stream = File.Create(temporary))
            {
                await JsonSerializer.SerializeAsync(stream, [.. todos], TodoFileJson.Default.ListTodoItem);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            writeGate.Release();
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "The todo file {Path} is unreadable; starting with an empty list")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string path);
}

[JsonSerializable(typeof(List<TodoItem>))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class TodoFileJson : JsonSerializerContext;
