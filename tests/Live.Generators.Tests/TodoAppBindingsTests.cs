using Live.Generators.Tests.Infrastructure;

namespace Live.Generators.Tests;

/// <summary>
/// The TodoApp's committed <c>client/live.generated.ts</c> is what the generator emits for the TodoApp's sources today.
/// </summary>
public sealed class TodoAppBindingsTests
{
    // The Web SDK's implicit usings the TodoApp relies on (the ASP.NET Core ones do not matter to the components).
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    [Fact]
    public void Committed_TodoApp_bindings_are_up_to_date()
    {
        var project = Path.Combine(Repository.Root, "samples", "TodoApp");
        var separator = Path.DirectorySeparatorChar;
        var trees = Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => GeneratorHarness.Parse(File.ReadAllText(f), f))
            .Append(GeneratorHarness.Parse(ImplicitUsings, "ImplicitUsings.g.cs"));
        var run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("TodoApp", allowUnsafe: false, trees));
        var committedPath = Path.Combine(project, "client", "live.generated.ts");

        var expected = TypeScriptText.Of(run);
        var committed = File.Exists(committedPath) ? File.ReadAllText(committedPath).Replace("\r\n", "\n", StringComparison.Ordinal) : "(missing)";

        Assert.Empty(run.LiveDiagnostics);
        Assert.Contains("export const TodoList = defineComponent<TodoListState, {", expected, StringComparison.Ordinal);
        Assert.True(
            expected == committed,
            "samples/TodoApp/client/live.generated.ts is stale. Refresh it with `dotnet build samples/TodoApp` (the build rewrites it " +
            "through LiveTypeScriptOutput) and commit it.\n--- generated now ---\n" + expected + "\n--- committed ---\n" + committed);
    }
}
