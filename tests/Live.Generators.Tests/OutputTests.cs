using Live.Generators.Tests.Infrastructure;

namespace Live.Generators.Tests;

/// <summary>The generated code: file names, stability, and that it compiles cleanly for every component shape.</summary>
public sealed class OutputTests
{
    [Fact]
    public void Emits_one_file_per_component_and_one_registration_file()
    {
        var run = GeneratorHarness.Run(Samples.KitchenSink, Samples.Counter);

        Assert.Equal(
            ["LiveComponentRegistration.g.cs", "LiveJsonMetadata.g.cs", "LiveTypeScriptBindings.g.cs", "Sample.Counter.Live.g.cs", "Sample.KitchenSink.Live.g.cs"],
            run.HintNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Output_is_identical_across_runs_and_file_orders()
    {
        var first = GeneratorHarness.RunNamed("Sample", Samples.KitchenSink, Samples.Counter);
        var second = GeneratorHarness.RunNamed("Sample", Samples.Counter, Samples.KitchenSink);

        foreach (var hintName in first.HintNames)
        {
            Assert.Equal(first.GeneratedSource(hintName), second.GeneratedSource(hintName));
        }
    }

    [Fact]
    public void Registration_registers_components_sorted_by_type()
    {
        var run = GeneratorHarness.Run(Samples.KitchenSink, Samples.Counter);

        var registration = run.GeneratedSource("LiveComponentRegistration.g.cs");

        Assert.Contains("[global::System.Runtime.CompilerServices.ModuleInitializer]", registration, StringComparison.Ordinal);
        var counter = registration.IndexOf("global::Sample.Counter.CreateLiveDescriptor()", StringComparison.Ordinal);
        var kitchen = registration.IndexOf("global::Sample.KitchenSink.CreateLiveDescriptor()", StringComparison.Ordinal);
        Assert.True(counter > 0 && kitchen > counter, registration);
    }

    [Fact]
    public void No_registration_file_without_components() =>
        Assert.Empty(GeneratorHarness.Run("namespace Sample; public sealed class Plain { }").HintNames);

    [Fact]
    public void Counter_output_matches_the_snapshot()
    {
        var run = GeneratorHarness.RunNamed("Sample", Samples.Counter);

        Assert.Empty(run.CompilationProblems);
        Assert.Equal(CounterSnapshot, run.GeneratedSource("Sample.Counter.Live.g.cs"));
    }

    [Theory]
    [InlineData("nested in partial types", """
        namespace Sample;
        public static partial class Widgets
        {
            internal partial record Panel
            {
                [LiveComponent]
                public sealed partial class Clock : LiveComponent<S>
                {
                    [PublicAction] public void Tick() => Count++;
                }
            }
        }
        """)]
    [InlineData("in the global namespace", """
        [LiveComponent]
        public sealed partial class GlobalClock : LiveComponent<Sample.S>
        {
            [PublicAction] public int Tick() => ++Count;
        }
        """)]
    [InlineData("public, unsealed, with internal member types", """
        namespace Sample;
        internal sealed record Hidden(int Value);
        internal sealed record HiddenState
        {
            public Hidden? Item { get; init; }
        }
        public sealed record MixedState
        {
            public int Count { get; init; }
        }
        [LiveComponent]
        public partial class Open : LiveComponent<MixedState>
        {
            [PublicAction] public void Tick() => Count++;
        }
        [LiveComponent]
        internal partial class InternalOpen : LiveComponent<HiddenState>
        {
            [PublicAction] public void Set(int value) => Item = new Hidden(value);
        }
        """)]
    [InlineData("through an intermediate base class, with an author-defined initial state", """
        namespace Sample;
        public abstract class Base<T> : LiveComponent<T> where T : class
        {
            protected override T CreateInitialState() => throw new NotSupportedException();
        }
        public sealed record Positional(int Count);
        [LiveComponent]
        public sealed partial class Derived : Base<Positional>
        {
            [PublicAction] public void Tick() => Count++;
        }
        """)]
    [InlineData("with members named after C# keywords", """
        namespace Sample;
        public sealed record KeywordState
        {
            public int @event { get; init; }
        }
        [LiveComponent]
        public sealed partial class Keywords : LiveComponent<KeywordState>
        {
            [PublicAction] public void @checked(int @int) => @event = @int;
        }
        """)]
    [InlineData("in #nullable disable code", """
        #nullable disable
        namespace Sample;
        public sealed record LooseState
        {
            public string Text { get; init; }
        }
        [LiveComponent]
        public sealed partial class Loose : LiveComponent<LooseState>
        {
            [PublicAction] public void Set(string text, string more = null) => Text = text + more;
        }
        """)]
    [InlineData("with state members inherited from a base record", """
        namespace Sample;
        public abstract record BaseState
        {
            public int Version { get; init; }
        }
        public sealed record DerivedState : BaseState
        {
            public string Name { get; init; } = "";
            public string User { get; init; } = "clashes with LiveComponentBase.User, so it gets no proxy";
            public string InstanceId { get; init; } = "clashes with LiveComponentBase.InstanceId";
            public static int Shared { get; set; }
            public int this[int i] => i;
        }
        [LiveComponent]
        public sealed partial class Versioned : LiveComponent<DerivedState>
        {
            [PublicAction] public void Rename(string name)
            {
                Name = name;
                Version++;
            }
        }
        """)]
    public void Generated_code_compiles_without_warnings(string shape, string source)
    {
        var run = GeneratorHarness.Run(Samples.Usings + "namespace Sample { public sealed record S { public int Count { get; init; } } }\n", Samples.Usings + source);

        Assert.Empty(run.LiveDiagnostics);
        Assert.True(run.CompilationProblems.Count == 0, shape + ":\n" + string.Join("\n", run.CompilationProblems));
        Assert.Contains(run.HintNames, h => h.EndsWith(".Live.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Nested_and_global_components_are_named_by_their_full_path()
    {
        var run = GeneratorHarness.Run(Samples.Usings + """
            namespace Sample
            {
                public sealed record S { public int Count { get; init; } }

                public static partial class Outer
                {
                    [LiveComponent("nested")]
                    public sealed partial class Inner : LiveComponent<S> { }
                }
            }

            [LiveComponent]
            public sealed partial class Top : LiveComponent<Sample.S> { }
            """);

        Assert.Empty(run.CompilationProblems);
        Assert.Equal(
            ["LiveComponentRegistration.g.cs", "LiveJsonMetadata.g.cs", "LiveTypeScriptBindings.g.cs", "Sample.Outer.Inner.Live.g.cs", "Top.Live.g.cs"],
            run.HintNames.Order(StringComparer.Ordinal));
    }

    private const string CounterSnapshot = """
        // <auto-generated/>
        #nullable enable

        namespace Sample;

        partial class Counter
        {
            /// <inheritdoc/>
            protected override global::Sample.CounterState CreateInitialState() => new global::Sample.CounterState();

            /// <summary>Reads and writes <c>State.Count</c>; assigning a different value records the change.</summary>
            private int Count
            {
                get => State.Count;
                set
                {
                    if (!global::System.Collections.Generic.EqualityComparer<int>.Default.Equals(State.Count, value))
                    {
                        State = State with { Count = value };
                        MarkChanged("Count");
                    }
                }
            }

            /// <summary>Describes this component to the Live runtime; called by the generated registration.</summary>
            internal static global::Live.Registration.ComponentDescriptor CreateLiveDescriptor()
            {
                return new global::Live.Registration.ComponentDescriptor(
                    name: "Counter",
                    componentType: typeof(global::Sample.Counter),
                    stateType: typeof(global::Sample.CounterState),
                    factory: static services => new global::Sample.Counter(),
                    actions: new global::Live.Registration.ActionDescriptor[]
                    {
                        new global::Live.Registration.ActionDescriptor(
                            name: "increment",
                            methodName: "Increment",
                            parameters: new global::Live.Registration.ActionParameter[]
                            {
                                new global::Live.Registration.ActionParameter("by", typeof(int), IsOptional: true, AllowsNull: false),
                            },
                            resultType: null,
                            invoker: static (component, arguments, cancellationToken) =>
                            {
                                var arg0 = arguments.Optional<int>("by", (int)1, allowNull: false);
                                ((global::Sample.Counter)component).Increment(arg0);
                                return new global::System.Threading.Tasks.ValueTask<global::Live.Registration.ActionResult>(global::Live.Registration.ActionResult.None);
                            }),
                    },
                    singleton: false,
                    keepAlive: false,
                    typeInfoResolver: global::Live.Generated.LiveJsonMetadata_Sample.Default,
                    keyMemberNames: global::System.Array.Empty<string>(),
                    handlesRoomEvents: false,
                    immutableState: true);
            }
        }

        """;
}
