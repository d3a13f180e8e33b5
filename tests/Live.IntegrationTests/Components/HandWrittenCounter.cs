using System.Text.Json.Serialization;
using Live.Registration;

namespace Live.IntegrationTests.Components;

public sealed record HandCounterState(int Count = 0);

/// <summary>A component written against the registration contract by hand, independent of the source generator.</summary>
public sealed class HandWrittenCounter : LiveComponent<HandCounterState>
{
    public static ComponentDescriptor Descriptor { get; } = new(
        "HandCounter",
        typeof(HandWrittenCounter),
        typeof(HandCounterState),
        _ => new HandWrittenCounter(),
        [
            new ActionDescriptor("increment", "Increment", [new ActionParameter("by", typeof(int), IsOptional: true, AllowsNull: false)], typeof(int), (c, a, _) =>
                ValueTask.FromResult(ActionResult.From(((HandWrittenCounter)c).Increment(a.Optional("by", 1))))),
        ],
        typeInfoResolver: HandCounterJson.Default);

    public int Increment(int by)
    {
        State = State with { Count = State.Count + by };
        return State.Count;
    }

    protected override HandCounterState CreateInitialState() => new();
}

/// <summary>A hand-written component brings its own JSON metadata (here STJ's source generator) instead of Live's.</summary>
[JsonSerializable(typeof(HandCounterState))]
[JsonSerializable(typeof(int))]
internal sealed partial class HandCounterJson : JsonSerializerContext;
