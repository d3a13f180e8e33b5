using Live.Generators.Json;

namespace Live.Generators.Tests.Json;

public sealed class JsonShapeReaderTests
{
    private const string Unsupported = """
        using System;
        using System.Collections;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Samples;

        public abstract class Shape { public int Sides { get; set; } }

        public struct Key { public int Value { get; set; } }

        public sealed class NoUsableConstructor
        {
            public NoUsableConstructor(int a) => A = a;
            public NoUsableConstructor(string b) => A = b.Length;
            public int A { get; }
        }

        public sealed class MismatchedConstructor
        {
            public MismatchedConstructor(int count) => Total = count;
            public int Total { get; }
        }

        public sealed class Outer
        {
            private sealed class Hidden { public int X { get; set; } }
        }

        public sealed record Bad(
            object Anything,
            Action Callback,
            IDisposable Resource,
            Shape Abstract,
            Dictionary<Key, int> StructKeys,
            int[,] Grid,
            ArrayList Untyped,
            Task<int> Pending,
            NoUsableConstructor NoConstructor,
            MismatchedConstructor Mismatched,
            string Fine);
        """;

    [Theory]
    [InlineData("object", "Bad.Anything", "object has no shape")]
    [InlineData("System.Action", "Bad.Callback", "delegates cannot be serialized")]
    [InlineData("System.IDisposable", "Bad.Resource", "interfaces cannot be deserialized")]
    [InlineData("Samples.Shape", "Bad.Abstract", "abstract classes cannot be deserialized")]
    [InlineData("System.Collections.Generic.Dictionary<Samples.Key, int>", "Bad.StructKeys", "dictionary keys must be string")]
    [InlineData("int[*,*]", "Bad.Grid", "multi-dimensional arrays")]
    [InlineData("System.Collections.ArrayList", "Bad.Untyped", "collection type is not supported")]
    [InlineData("System.Threading.Tasks.Task<int>", "Bad.Pending", "tasks and cancellation tokens are not data")]
    [InlineData("Samples.NoUsableConstructor", "Bad.NoConstructor", "no public parameterless constructor")]
    [InlineData("Samples.MismatchedConstructor", "Bad.Mismatched", "constructor parameter 'count' must match a serialized property")]
    public void Unsupported_types_are_reported_with_a_reason_and_where_they_were_reached(string type, string path, string reason)
    {
        var shapes = GeneratedResolver.Read(GeneratedResolver.CreateCompilation(Unsupported), "Samples.Bad");

        var reported = Assert.Single(shapes.Unsupported, u => u.TypeDisplayName.Replace("[,]", "[*,*]") == type.Replace("[,]", "[*,*]"));
        Assert.Equal(path, reported.Path);
        Assert.Contains(reason, reported.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Type_inaccessible_to_generated_code_is_reported()
    {
        var shapes = GeneratedResolver.Read(GeneratedResolver.CreateCompilation(Unsupported), "Samples.Outer+Hidden");

        var reported = Assert.Single(shapes.Unsupported);
        Assert.Equal("Samples.Outer.Hidden", reported.TypeDisplayName);
        Assert.Contains("not accessible to generated code", reported.Reason, StringComparison.Ordinal);
        Assert.Empty(shapes.Shapes);
    }

    [Fact]
    public void Supported_members_of_a_type_with_unsupported_ones_are_still_emitted_and_compile()
    {
        var generated = GeneratedResolver.Compile(Unsupported, "Samples.Bad");

        var bad = Assert.Single(generated.Shapes.Shapes, s => s.TypeName == "global::Samples.Bad");
        Assert.Contains(bad.Object!.Properties, p => p.Name == "Fine");
        Assert.DoesNotContain(bad.Object!.Properties, p => p.Name is "Anything" or "Callback" or "Resource");
        Assert.Contains(generated.Shapes.Unsupported, u => u.Path == "Bad.Callback");
    }

    [Fact]
    public void Shape_reader_records_init_only_required_and_constructor_binding()
    {
        var compilation = GeneratedResolver.CreateCompilation(SampleTypes.Source);

        var shapes = GeneratedResolver.Read(compilation, "Samples.TodoListState", "Samples.Todo", "Samples.Required");

        Assert.Empty(shapes.Unsupported);
        var state = Object(shapes, "global::Samples.TodoListState");
        var filter = Assert.Single(state.Properties, p => p.Name == "Filter");
        Assert.True(filter.IsInitOnly);
        Assert.Equal(JsonMemberAccess.UnsafeAccessor, filter.Setter);
        var todo = Object(shapes, "global::Samples.Todo");
        Assert.Equal(["Id", "Text", "Done"], todo.ConstructorParameters.Select(p => p.Name));
        Assert.All(todo.Properties, p => Assert.Equal(JsonMemberAccess.None, p.Setter));
        var required = Object(shapes, "global::Samples.Required");
        Assert.Equal(JsonMemberAccess.UnsafeAccessor, required.ConstructorAccess);
        Assert.True(Assert.Single(required.Properties, p => p.Name == "Count").IsRequired);
        Assert.Contains(shapes.Shapes, s => s.TypeName == "global::System.Collections.Immutable.ImmutableList<global::Samples.Todo>"
            && s.Collection!.Kind == JsonCollectionKind.ImmutableEnumerable);
    }

    [Fact]
    public void Reading_the_same_roots_twice_gives_equal_shape_sets_and_identical_source()
    {
        var first = GeneratedResolver.Read(GeneratedResolver.CreateCompilation(SampleTypes.Source), SampleTypes.Roots);
        var second = GeneratedResolver.Read(GeneratedResolver.CreateCompilation(SampleTypes.Source), SampleTypes.Roots);

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Equal(JsonMetadataEmitter.Emit("N", "R", first), JsonMetadataEmitter.Emit("N", "R", second));
    }

    [Fact]
    public void Emitted_source_is_marked_generated_and_uses_global_names()
    {
        var shapes = GeneratedResolver.Read(GeneratedResolver.CreateCompilation(SampleTypes.Source), "Samples.TodoListState");

        var source = JsonMetadataEmitter.Emit("App", "AppJsonResolver", shapes);

        Assert.StartsWith("// <auto-generated/>\n#nullable enable\n", source.Replace("\r\n", "\n"), StringComparison.Ordinal);
        Assert.Contains("internal sealed class AppJsonResolver : global::System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver", source, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Reflection", source, StringComparison.Ordinal);
    }

    private static JsonObjectShape Object(JsonShapeSet shapes, string typeName) =>
        Assert.Single(shapes.Shapes, s => s.TypeName == typeName).Object!;
}
