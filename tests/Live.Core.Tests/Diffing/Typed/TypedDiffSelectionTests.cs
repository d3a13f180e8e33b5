using System.Text.Json;
using System.Text.Json.Serialization;
using Live.Hosting;
using Live.Registration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Live.Core.Tests.Diffing.Typed;

/// <summary>Which components the runtime diffs typed: immutable states, under options where that is sound.</summary>
public sealed class TypedDiffSelectionTests
{
    [Fact]
    public void The_generator_flags_an_immutable_state_and_not_a_mutable_one()
    {
        Assert.True(Descriptor("TypedDiffComponent").ImmutableState);
        Assert.False(Descriptor("MutableDiffComponent").ImmutableState);
    }

    [Fact]
    public async Task An_immutable_state_is_diffed_typed_and_a_mutable_one_as_json()
    {
        await using var runtime = Runtime(new LiveOptions());

        Assert.NotNull(runtime.TypedPatchBuilderFor(Descriptor("TypedDiffComponent")));
        Assert.Null(runtime.TypedPatchBuilderFor(Descriptor("MutableDiffComponent")));
    }

    [Theory]
    [InlineData(JsonIgnoreCondition.WhenWritingNull)]
    [InlineData(JsonIgnoreCondition.WhenWritingDefault)]
    public async Task Options_that_skip_members_by_value_keep_the_json_diff(JsonIgnoreCondition condition)
    {
        var options = new LiveOptions { SerializerOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = condition } };
        await using var runtime = Runtime(options);

        Assert.Null(runtime.TypedPatchBuilderFor(Descriptor("TypedDiffComponent")));
    }

    private static ComponentDescriptor Descriptor(string name) => ComponentCatalog.Snapshot().Single(d => d.Name == name);

    private static LiveRuntime Runtime(LiveOptions options) =>
        new(Options.Create(options), new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance, TimeProvider.System);
}
