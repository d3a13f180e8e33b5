namespace Live.Generators.Tests.Json;

/// <summary>Types an app author could use in state, arguments and results, with a sample value of each.</summary>
internal static class SampleTypes
{
    public const string Source = """"
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using System.Text.Json.Serialization;

        namespace Samples;

        public sealed record Todo(Guid Id, string Text, bool Done);

        public sealed record TodoListState
        {
            public ImmutableList<Todo> Todos { get; init; } = [];
            public string Filter { get; init; } = "all";
        }

        public enum Priority { Low, Normal, High }

        [JsonConverter(typeof(JsonStringEnumConverter<Color>))]
        public enum Color { Red, Green, Blue }

        public sealed record Primitives(
            Guid Guid, DateTime DateTime, DateTimeOffset DateTimeOffset, DateOnly DateOnly, TimeOnly TimeOnly,
            TimeSpan TimeSpan, decimal Decimal, long Long, double Double, bool Bool, string String, char Char,
            byte Byte, int Int, short Short, float Float, uint UInt, ulong ULong, Uri Uri, byte[] Bytes);

        public sealed record Enums(Priority Priority, Color Color, Priority? MaybePriority);

        public sealed record Nullables(int? MaybeInt, string? MaybeText, Todo? MaybeTodo, DateTime? MaybeDate, List<string?> MaybeItems);

        public sealed record Collections
        {
            public List<int> List { get; init; } = [];
            public int[] Array { get; init; } = [];
            public IReadOnlyList<string> ReadOnlyList { get; init; } = [];
            public IEnumerable<int> Enumerable { get; init; } = [];
            public IList<int> IList { get; init; } = [];
            public ICollection<int> ICollection { get; init; } = [];
            public ISet<int> ISet { get; init; } = new HashSet<int>();
            public HashSet<string> HashSet { get; init; } = [];
            public Queue<int> Queue { get; init; } = new();
            public Dictionary<string, Todo> Dictionary { get; init; } = new();
            public IDictionary<string, int> IDictionary { get; init; } = new Dictionary<string, int>();
            public IReadOnlyDictionary<string, int> ReadOnlyDictionary { get; init; } = new Dictionary<string, int>();
            public SortedDictionary<string, int> SortedDictionary { get; init; } = new();
            public Dictionary<int, string> IntKeys { get; init; } = new();
            public Dictionary<Guid, string> GuidKeys { get; init; } = new();
            public Dictionary<Priority, int> EnumKeys { get; init; } = new();
            public ImmutableList<Todo> ImmutableList { get; init; } = [];
            public ImmutableArray<Priority> ImmutableArray { get; init; } = [];
            public ImmutableDictionary<string, int> ImmutableDictionary { get; init; } = ImmutableDictionary<string, int>.Empty;
            public ImmutableSortedDictionary<string, int> ImmutableSortedDictionary { get; init; } = ImmutableSortedDictionary<string, int>.Empty;
            public ImmutableHashSet<string> ImmutableHashSet { get; init; } = [];
            public ImmutableSortedSet<int> ImmutableSortedSet { get; init; } = [];
            public IImmutableList<int> IImmutableList { get; init; } = ImmutableList<int>.Empty;
            public List<List<int>> Nested { get; init; } = [];
            public int[][] Jagged { get; init; } = [];
        }

        public sealed class UpperCaseConverter : JsonConverter<string>
        {
            public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                reader.GetString()!.ToLowerInvariant();

            public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
                writer.WriteStringValue(value.ToUpperInvariant());
        }

        public sealed record Attributed
        {
            [JsonPropertyName("display_name")] public string Name { get; init; } = "";
            [JsonIgnore] public string Secret { get; init; } = "hidden";
            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Note { get; init; }
            [JsonPropertyOrder(-1)] public int First { get; init; }
            [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] public int AsString { get; init; }
            [JsonConverter(typeof(UpperCaseConverter))] public string Shout { get; init; } = "";
            [JsonConverter(typeof(JsonStringEnumConverter))] public Priority Level { get; init; }
            [JsonInclude] public int Included { get; private set; }
            [JsonInclude] internal int InternalIncluded { get; set; }
            [JsonInclude] public int IncludedField;
            public int Field;
            public int Computed => First + 1;

            public void SetIncluded(int value) => Included = value;
        }

        public sealed class Required
        {
            public required string Name { get; init; }
            public required int Count { get; set; }
            public string Optional { get; set; } = "default";
        }

        public sealed class Settable
        {
            public string Name { get; set; } = "";
            public int Age { get; set; }
            public List<string> Tags { get; set; } = new();
            public Settable? Child { get; set; }
        }

        public class Base
        {
            public int BaseValue { get; set; }
            public virtual string Kind { get; set; } = "base";
        }

        public sealed class Derived : Base
        {
            public int DerivedValue { get; set; }
            public override string Kind { get; set; } = "derived";
        }

        public struct Point
        {
            public int X { get; set; }
            public int Y { get; set; }
        }

        public readonly record struct Money(decimal Amount, string Currency);

        public sealed record Box<T>
        {
            public T Value { get; init; } = default!;
        }

        public sealed record Pair<TLeft, TRight>(TLeft Left, TRight Right);

        public sealed record Generics(Box<int> IntBox, Box<Todo> TodoBox, Pair<string, Point> Pair);

        public sealed record WithDefaults(
            string Name = "n", int Count = 3, Priority Priority = Priority.High, double Ratio = 0.5, float F = 1.5f,
            decimal M = 2.5m, long L = -4, DateTime When = default, int? Maybe = null, string? Text = null, char C = 'x');

        public sealed record Tree(string Name, ImmutableList<Tree> Children);

        public sealed record Documents(JsonElement Payload, JsonNode? Node, JsonObject? Object);

        public sealed class ConstructedWithJsonConstructor
        {
            public ConstructedWithJsonConstructor() => Text = "parameterless";

            [JsonConstructor]
            public ConstructedWithJsonConstructor(string text, int number)
            {
                Text = text;
                Number = number;
            }

            public string Text { get; }
            public int Number { get; }
        }

        [JsonConverter(typeof(TemperatureConverter))]
        public sealed record Temperature(double Celsius);

        public sealed class TemperatureConverter : JsonConverter<Temperature>
        {
            public override Temperature Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                new(double.Parse(reader.GetString()!.TrimEnd('C'), System.Globalization.CultureInfo.InvariantCulture));

            public override void Write(Utf8JsonWriter writer, Temperature value, JsonSerializerOptions options) =>
                writer.WriteStringValue(value.Celsius.ToString(System.Globalization.CultureInfo.InvariantCulture) + "C");
        }

        public sealed record Weather(Temperature Today, List<Temperature> Week);

        [JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
        [JsonDerivedType(typeof(Circle), "circle")]
        [JsonDerivedType(typeof(Square), "square")]
        public abstract record Figure(string Label);

        public sealed record Circle(string Label, double Radius) : Figure(Label);

        public sealed record Square(string Label, double Side) : Figure(Label);

        public sealed record Drawing(List<Figure> Figures, Figure Main);

        public static class SampleValues
        {
            private static readonly Guid Id1 = new("6f9619ff-8b86-d011-b42d-00cf4fc964ff");
            private static readonly Guid Id2 = new("0f8fad5b-d9cb-469f-a165-70867728950e");

            public static Todo Todo => new(Id1, "milk", false);

            public static TodoListState TodoListState => new()
            {
                Todos = [new Todo(Id1, "milk", false), new Todo(Id2, "bread", true)],
                Filter = "active",
            };

            public static Primitives Primitives => new(
                Id1, new DateTime(2024, 2, 29, 13, 45, 10, DateTimeKind.Utc), new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)),
                new DateOnly(2025, 12, 31), new TimeOnly(23, 59, 58), TimeSpan.FromMinutes(90.5), 12345.6789m, long.MaxValue,
                Math.PI, true, "h\u00e9llo \"quoted\" <tag>", 'z', 255, -42, short.MinValue, 1.25f, uint.MaxValue, ulong.MaxValue,
                new Uri("https://example.com/a?b=c"), [1, 2, 3, 250]);

            public static Enums Enums => new(Priority.High, Color.Blue, Priority.Normal);

            public static Nullables Nullables => new(null, "text", null, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), ["a", null]);

            public static Nullables NullablesOther => new(7, null, new Todo(Id2, "x", true), null, []);

            public static Collections Collections => new()
            {
                List = [1, 2, 3],
                Array = [4, 5],
                ReadOnlyList = ["a", "b"],
                Enumerable = [6, 7],
                IList = [8],
                ICollection = [9, 10],
                ISet = new HashSet<int> { 11, 12 },
                HashSet = ["x", "y"],
                Queue = new Queue<int>([13, 14]),
                Dictionary = new() { ["first"] = new Todo(Id1, "one", false), ["second"] = new Todo(Id2, "two", true) },
                IDictionary = new Dictionary<string, int> { ["a"] = 1 },
                ReadOnlyDictionary = new Dictionary<string, int> { ["b"] = 2 },
                SortedDictionary = new() { ["z"] = 26, ["a"] = 1 },
                IntKeys = new() { [1] = "one", [-2] = "minus two" },
                GuidKeys = new() { [Id1] = "id1" },
                EnumKeys = new() { [Priority.Low] = 1, [Priority.High] = 3 },
                ImmutableList = [new Todo(Id1, "immutable", false)],
                ImmutableArray = [Priority.Low, Priority.High],
                ImmutableDictionary = ImmutableDictionary<string, int>.Empty.Add("k", 5),
                ImmutableSortedDictionary = ImmutableSortedDictionary<string, int>.Empty.Add("b", 2).Add("a", 1),
                ImmutableHashSet = ["only"],
                ImmutableSortedSet = [3, 1, 2],
                IImmutableList = ImmutableList.Create(7, 8),
                Nested = [[1], [2, 3]],
                Jagged = [[4, 5], []],
            };

            public static Attributed Attributed
            {
                get
                {
                    var value = new Attributed
                    {
                        Name = "display", Secret = "s3cr3t", Note = null, First = 1, AsString = 99, Shout = "quiet", Level = Priority.Normal,
                        InternalIncluded = 5, IncludedField = 6, Field = 7,
                    };
                    value.SetIncluded(4);
                    return value;
                }
            }

            public static Required Required => new() { Name = "req", Count = 2, Optional = "changed" };

            public static Settable Settable => new() { Name = "parent", Age = 40, Tags = ["a"], Child = new Settable { Name = "child", Age = 4 } };

            public static Derived Derived => new() { BaseValue = 1, DerivedValue = 2, Kind = "custom" };

            public static Point Point => new() { X = 3, Y = -4 };

            public static Money Money => new(9.99m, "EUR");

            public static Generics Generics => new(new Box<int> { Value = 5 }, new Box<Todo> { Value = new Todo(Id1, "boxed", true) }, new Pair<string, Point>("p", new Point { X = 1, Y = 2 }));

            public static WithDefaults WithDefaults => new("custom", 4, Priority.Low, 0.25, 2.5f, 3.5m, 8, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc), 1, "t", 'y');

            public static Tree Tree => new("root", [new Tree("leaf", []), new Tree("branch", [new Tree("twig", [])])]);

            public static Documents Documents => new(JsonDocument.Parse("""{"a":[1,true,null,"s"]}""").RootElement, JsonNode.Parse("[1,2]"), new JsonObject { ["k"] = 1 });

            public static ConstructedWithJsonConstructor ConstructedWithJsonConstructor => new("made", 3);

            public static Drawing Drawing => new([new Circle("c", 1.5), new Square("s", 2)], new Square("main", 3));

            public static Weather Weather => new(new Temperature(21.5), [new Temperature(-3), new Temperature(0)]);
        }
        """";

    /// <summary>Every sample type, as roots for the reader.</summary>
    public static readonly string[] Roots =
    [
        "Samples.Todo", "Samples.TodoListState", "Samples.Primitives", "Samples.Enums", "Samples.Nullables",
        "Samples.Collections", "Samples.Attributed", "Samples.Required", "Samples.Settable", "Samples.Derived",
        "Samples.Point", "Samples.Money", "Samples.Generics", "Samples.WithDefaults", "Samples.Tree", "Samples.Documents",
        "Samples.ConstructedWithJsonConstructor", "Samples.Weather", "Samples.Drawing",
    ];
}
