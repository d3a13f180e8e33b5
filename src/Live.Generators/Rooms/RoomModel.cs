using Live.Generators.Components;
using Live.Generators.Json;
using Live.Generators.Model;

namespace Live.Generators.Rooms;

/// <summary>Everything the emitters need for one <c>[LiveRoom]</c> class (strings, flags and equatable arrays only).</summary>
/// <param name="Namespace">The room's namespace, or <see langword="null"/>.</param>
/// <param name="TypeName">The simple class name.</param>
/// <param name="FullyQualifiedName">The <c>global::</c>-qualified name.</param>
/// <param name="HintName">The generated file's name.</param>
/// <param name="ContainingTypes">Types the room is nested in, outermost first.</param>
/// <param name="RoomName">The room kind's name.</param>
/// <param name="StateTypeName">The <c>global::</c>-qualified state type.</param>
/// <param name="InitialState">How <c>CreateInitialState</c> is emitted.</param>
/// <param name="ConstructorParameters">Constructor parameters resolved from services.</param>
/// <param name="MaxMembers">The attribute's MaxMembers.</param>
/// <param name="AllowClientJoin">The attribute's AllowClientJoin.</param>
/// <param name="JoinPolicy">The attribute's JoinPolicy.</param>
/// <param name="JsonShapes">The JSON shapes of the state.</param>
/// <param name="Presence">The attribute's Presence.</param>
internal sealed record RoomModel(
    string? Namespace,
    string TypeName,
    string FullyQualifiedName,
    string HintName,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string RoomName,
    string StateTypeName,
    InitialStateKind InitialState,
    EquatableArray<ServiceParameterModel> ConstructorParameters,
    int MaxMembers,
    bool AllowClientJoin,
    string? JoinPolicy,
    EquatableArray<JsonTypeShape> JsonShapes,
    bool Presence = true);
