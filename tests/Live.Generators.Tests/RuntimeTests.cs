using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Live.Generators.Tests.Infrastructure;
using Live.Registration;
using Microsoft.Extensions.DependencyInjection;

namespace Live.Generators.Tests;

/// <summary>Compiles the generated code, loads it, and drives components through their descriptors.</summary>
public sealed class RuntimeTests(KitchenSinkAssembly fixture) : IClassFixture<KitchenSinkAssembly>, IDisposable
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    private readonly LoadedAssembly sample = fixture.Sample;
    private readonly ComponentDescriptor descriptor = fixture.Descriptor;
    private readonly ServiceProvider services = CreateServices(fixture.Sample);

    [Fact]
    public void Generated_code_compiles_without_errors_or_warnings() => Assert.Empty(fixture.CompilationProblems);

    [Fact]
    public void Descriptor_carries_name_types_flags_and_wire_names()
    {
        Assert.Equal("kitchen", descriptor.Name);
        Assert.Equal(sample.Type("Sample.KitchenSink"), descriptor.ComponentType);
        Assert.Equal(sample.Type("Sample.KitchenState"), descriptor.StateType);
        Assert.True(descriptor.Singleton);
        Assert.True(descriptor.KeepAlive);
        Assert.Equal("LiveJsonMetadata_" + sample.Assembly.GetName().Name, descriptor.TypeInfoResolver?.GetType().Name);
        Assert.Equal(
            ["add", "addTodoAsync", "apply", "countTodosAsync", "defaults", "describeAsync", "greet", "half", "increment", "resetAsync", "setNote"],
            descriptor.Actions.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Action_parameters_exclude_the_cancellation_token_and_describe_optionality_and_nullability()
    {
        var addTodo = descriptor.Actions["addTodoAsync"];
        Assert.Equal([new ActionParameter("text", typeof(string), IsOptional: false, AllowsNull: false)], addTodo.Parameters);
        Assert.Null(addTodo.ResultType);

        var defaults = descriptor.Actions["defaults"].Parameters;
        Assert.All(defaults, p => Assert.True(p.IsOptional));
        Assert.Equal([false, false, false, true, false], defaults.Select(p => p.AllowsNull));
        Assert.Equal(typeof(int?), defaults[3].ParameterType);

        Assert.Equal(typeof(string), descriptor.Actions["describeAsync"].ResultType);
        Assert.True(descriptor.Actions["describeAsync"].Parameters[0].AllowsNull);
        Assert.Equal(typeof(int), descriptor.Actions["countTodosAsync"].ResultType);
        Assert.Equal(typeof(int?), descriptor.Actions["half"].ResultType);
        Assert.Equal("ApplyFilter", descriptor.Actions["apply"].MethodName);
    }

    [Fact]
    public void Factory_injects_registered_services_and_falls_back_for_optional_ones()
    {
        dynamic component = descriptor.Factory(services);
        Assert.Equal("Hello, Ada", (string)component.Greet("Ada"));
        Assert.Null((object?)component.Optional);
        Assert.Equal(3, (int)component.Retries);
    }

    [Fact]
    public void Factory_uses_a_registered_optional_service()
    {
        var collection = new ServiceCollection();
        collection.AddSingleton(sample.Type("Sample.IGreeter"), sample.Type("Sample.Greeter"));
        var optional = Activator.CreateInstance(sample.Type("Sample.OptionalService"))!;
        collection.AddSingleton(sample.Type("Sample.IOptionalService"), optional);
        using var provider = collection.BuildServiceProvider();

        dynamic component = descriptor.Factory(provider);
        Assert.Same(optional, (object?)component.Optional);
    }

    [Fact]
    public void Factory_names_the_missing_required_service()
    {
        using var empty = new ServiceCollection().BuildServiceProvider();
        var ex = Assert.Throws<InvalidOperationException>(() => descriptor.Factory(empty));
        Assert.Contains("Sample.IGreeter", ex.Message, StringComparison.Ordinal);
        Assert.Contains("greeter", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_void_action_changes_state_through_the_proxy_and_records_the_member()
    {
        var component = descriptor.Factory(services);

        var result = await Invoke(component, "increment", "{}");

        Assert.False(result.HasValue);
        Assert.True(component.IsStateDirty);
        Assert.Equal(["Count"], component.ChangedMembers);
        Assert.Equal(1, StateJson(component).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Assigning_an_equal_value_through_a_proxy_records_nothing()
    {
        var component = descriptor.Factory(services);

        await Invoke(component, "setNote", """{"note":null}""");

        Assert.False(component.IsStateDirty);
        Assert.Empty(component.ChangedMembers);
    }

    [Fact]
    public async Task Sync_action_returns_its_value_and_uses_the_default_of_an_omitted_parameter()
    {
        var component = descriptor.Factory(services);

        var sum = await Invoke(component, "add", """{"a":2,"b":5}""");
        var withDefault = await Invoke(component, "add", """{"a":2}""");

        Assert.Equal(7, sum.Value);
        Assert.Equal(typeof(int), sum.Type);
        Assert.Equal(12, withDefault.Value);
    }

    [Fact]
    public async Task Async_task_action_is_awaited_and_receives_the_cancellation_token()
    {
        var component = descriptor.Factory(services);
        using var cts = new CancellationTokenSource();

        var result = await Invoke(component, "addTodoAsync", """{"text":"milk"}""", cts.Token);

        Assert.False(result.HasValue);
        Assert.Equal(cts.Token, ((dynamic)component).LastToken);
        Assert.Equal(["Todos"], component.ChangedMembers);
        var todos = StateJson(component).GetProperty("todos");
        Assert.Equal("milk", todos[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Async_task_of_T_action_returns_its_value()
    {
        var component = descriptor.Factory(services);
        await Invoke(component, "addTodoAsync", """{"text":"a"}""");
        await Invoke(component, "addTodoAsync", """{"text":"b"}""");

        var result = await Invoke(component, "countTodosAsync", "{}");

        Assert.Equal(2, result.Value);
        Assert.Equal(typeof(int), result.Type);
    }

    [Fact]
    public async Task ValueTask_actions_are_awaited()
    {
        var component = descriptor.Factory(services);
        await Invoke(component, "increment", "{}");

        var reset = await Invoke(component, "resetAsync", "{}");
        var described = await Invoke(component, "describeAsync", """{"suffix":"!"}""");
        var nothing = await Invoke(component, "describeAsync", """{"suffix":null}""");

        Assert.False(reset.HasValue);
        Assert.Equal(0, StateJson(component).GetProperty("count").GetInt32());
        Assert.Equal("kitchen!", described.Value);
        Assert.Equal(typeof(string), described.Type);
        Assert.True(nothing.HasValue);
        Assert.Null(nothing.Value);
    }

    [Fact]
    public async Task Records_and_collections_bind_as_parameters()
    {
        var component = descriptor.Factory(services);

        var result = await Invoke(component, "apply", """{"filter":{"text":"x","limit":3},"numbers":[1,2,3,4,5]}""");

        Assert.Equal(3, result.Value);
    }

    [Fact]
    public async Task Omitted_optional_parameters_take_their_declared_defaults()
    {
        var component = descriptor.Factory(services);

        var all = await Invoke(component, "defaults", "{}");
        var some = await Invoke(component, "defaults", """{"mode":"slow","maybe":4,"day":1}""");

        Assert.Equal("fast|0.5|Friday||1.25", all.Value);
        Assert.Equal("slow|0.5|Monday|4|1.25", some.Value);
    }

    [Fact]
    public async Task Nullable_value_parameters_accept_null()
    {
        var component = descriptor.Factory(services);

        var nothing = await Invoke(component, "half", """{"value":null}""");
        var half = await Invoke(component, "half", """{"value":8}""");

        Assert.Null(nothing.Value);
        Assert.Equal(typeof(int?), nothing.Type);
        Assert.Equal(4, half.Value);
    }

    [Fact]
    public async Task Null_for_a_non_nullable_parameter_is_refused()
    {
        var component = descriptor.Factory(services);

        var ex = await Assert.ThrowsAsync<ActionArgumentException>(() => Invoke(component, "greet", """{"name":null}"""));

        Assert.Equal("name", ex.ArgumentName);
    }

    [Fact]
    public async Task Missing_required_parameter_is_refused()
    {
        var component = descriptor.Factory(services);

        var ex = await Assert.ThrowsAsync<ActionArgumentException>(() => Invoke(component, "add", """{"b":1}"""));

        Assert.Equal("a", ex.ArgumentName);
    }

    [Fact]
    public void Component_member_with_a_state_member_name_wins_over_the_proxy()
    {
        dynamic component = descriptor.Factory(services);
        Assert.Equal("component", (string)component.Hidden);
    }

    [Fact]
    public void Module_initializer_registers_the_component_in_the_catalog()
    {
        RuntimeHelpers.RunModuleConstructor(sample.Assembly.ManifestModule.ModuleHandle);

        var registered = Assert.Single(ComponentCatalog.Snapshot(), d => d.ComponentType == sample.Type("Sample.KitchenSink"));
        Assert.Equal("kitchen", registered.Name);
    }

    public void Dispose() => services.Dispose();

    private static ServiceProvider CreateServices(LoadedAssembly sample)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton(sample.Type("Sample.IGreeter"), sample.Type("Sample.Greeter"));
        return collection.BuildServiceProvider();
    }

    private static JsonElement StateJson(LiveComponentBase component)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            component.WriteState(writer, Options);
        }

        return JsonDocument.Parse(Encoding.UTF8.GetString(buffer.ToArray())).RootElement.Clone();
    }

    private async Task<ActionResult> Invoke(LiveComponentBase component, string action, string json, CancellationToken cancellationToken = default)
    {
        using var document = JsonDocument.Parse(json);
        return await descriptor.Actions[action].Invoker(component, new ActionArguments(document.RootElement.Clone(), Options), cancellationToken);
    }
}
