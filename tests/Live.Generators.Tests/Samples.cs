namespace Live.Generators.Tests;

/// <summary>Component sources shared by several tests.</summary>
internal static class Samples
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Globalization;
        using System.Threading;
        using System.Threading.Tasks;
        using Live;

        """;

    /// <summary>A component exercising every action shape, state proxies and constructor injection.</summary>
    public const string KitchenSink = Usings + """
        namespace Sample;

        public interface IGreeter { string Greet(string name); }

        public sealed class Greeter : IGreeter { public string Greet(string name) => "Hello, " + name; }

        public interface IOptionalService { }

        public sealed class OptionalService : IOptionalService { }

        public sealed record Todo(Guid Id, string Text, bool Done);

        public sealed record Filter(string Text, int? Limit);

        public sealed record KitchenState
        {
            public int Count { get; init; }
            public string Title { get; init; } = "kitchen";
            public string? Note { get; set; }
            public ImmutableList<Todo> Todos { get; init; } = ImmutableList<Todo>.Empty;
            public int Doubled => Count * 2;
            public string Hidden { get; init; } = "shadowed by the component";
        }

        [LiveComponent("kitchen", Singleton = true, KeepAlive = true)]
        public sealed partial class KitchenSink : LiveComponent<KitchenState>
        {
            private readonly IGreeter greeter;

            public KitchenSink() : this(new Greeter())
            {
            }

            public KitchenSink(IGreeter greeter, IOptionalService? optional = null, int retries = 3)
            {
                this.greeter = greeter;
                Optional = optional;
                Retries = retries;
            }

            public IOptionalService? Optional { get; }

            public int Retries { get; }

            public CancellationToken LastToken { get; private set; }

            // Declared by the component, so no proxy is generated for KitchenState.Hidden.
            public string Hidden => "component";

            [PublicAction]
            public void Increment() => Count++;

            [PublicAction]
            public int Add(int a, int b = 10) => a + b;

            [PublicAction]
            public string Greet(string name) => greeter.Greet(name);

            [PublicAction]
            public async Task AddTodoAsync(string text, CancellationToken cancellationToken)
            {
                await Task.Yield();
                LastToken = cancellationToken;
                Todos = Todos.Add(new Todo(Guid.NewGuid(), text, false));
            }

            [PublicAction]
            public async Task<int> CountTodosAsync()
            {
                await Task.Yield();
                return Todos.Count;
            }

            [PublicAction]
            public ValueTask ResetAsync()
            {
                Count = 0;
                return default;
            }

            [PublicAction]
            public ValueTask<string?> DescribeAsync(string? suffix) => new(suffix is null ? null : Title + suffix);

            [PublicAction(Name = "apply")]
            public int ApplyFilter(Filter filter, List<int> numbers)
            {
                var matches = 0;
                foreach (var n in numbers)
                {
                    if (filter.Limit is null || n <= filter.Limit)
                    {
                        matches++;
                    }
                }

                return matches;
            }

            [PublicAction]
            public string Defaults(string mode = "fast", double ratio = 0.5, DayOfWeek day = DayOfWeek.Friday, int? maybe = null, decimal price = 1.25m) =>
                string.Create(CultureInfo.InvariantCulture, $"{mode}|{ratio}|{day}|{maybe}|{price}");

            [PublicAction]
            public void SetNote(string? note) => Note = note;

            [PublicAction]
            public int? Half(int? value) => value / 2;
        }
        """;

    /// <summary>The smallest useful component, for the snapshot.</summary>
    public const string Counter = """
        using Live;

        namespace Sample;

        public sealed record CounterState
        {
            public int Count { get; init; }
        }

        [LiveComponent]
        public sealed partial class Counter : LiveComponent<CounterState>
        {
            [PublicAction]
            public void Increment(int by = 1) => Count += by;
        }
        """;
}
