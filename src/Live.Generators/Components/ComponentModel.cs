using Live.Generators.Authorization;
using Live.Generators.Json;
using Live.Generators.Model;

namespace Live.Generators.Components;

/// <summary>
/// Everything the emitters need to write one component's file. Only strings, flags and equatable arrays: no symbols,
/// syntax or locations, so an edit that does not change what is emitted leaves this equal and the emit step cached.
/// </summary>
/// <param name="Namespace">The component's namespace, or <see langword="null"/> for the global namespace.</param>
/// <param name="TypeName">The component's simple name.</param>
/// <param name="FullyQualifiedName">The <c>global::</c>-qualified name.</param>
/// <param name="HintName">The generated file's name.</param>
/// <param name="ContainingTypes">Types the component is nested in, outermost first.</param>
/// <param name="IsSealed">Whether the component is sealed (proxies are then private: protected members of a sealed type warn).</param>
/// <param name="ComponentName">The wire name.</param>
/// <param name="Singleton">The attribute's Singleton flag.</param>
/// <param name="KeepAlive">The attribute's KeepAlive flag.</param>
/// <param name="StateTypeName">The <c>global::</c>-qualified state type.</param>
/// <param name="InitialState">How <c>CreateInitialState</c> is emitted.</param>
/// <param name="StateMembers">The state proxy properties to emit.</param>
/// <param name="ConstructorParameters">The constructor parameters the factory resolves from services.</param>
/// <param name="Actions">The valid public actions, in declaration order.</param>
/// <param name="JsonRootTypes">The types crossing the wire (state, parameters, results; see <see cref="JsonRoots"/>): the roots of the JSON metadata.</param>
/// <param name="JsonShapes">
/// The JSON shapes of every type reachable from <paramref name="JsonRootTypes"/>, sorted by type name. The compilation's
/// one resolver combines them; the TypeScript bindings are written from them.
/// </param>
/// <param name="KeyMemberNames">C# names of the <c>[LiveKey]</c> members reachable from the state, sorted and distinct.</param>
/// <param name="ImmutableState">Whether the state's whole graph is immutable (<see cref="StateImmutability"/>).</param>
/// <param name="Authorization">The class-level <c>[Authorize]</c>/<c>[AllowAnonymous]</c>, base classes included.</param>
/// <param name="WritePolicy">The attribute's WritePolicy, or <see langword="null"/>.</param>
/// <param name="HandlesRoomEvents">Whether the component (or a base below <c>LiveComponent&lt;T&gt;</c>) overrides <c>OnRoomEventAsync</c>.</param>
internal sealed record ComponentModel(
    string? Namespace,
    string TypeName,
    string FullyQualifiedName,
    string HintName,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    bool IsSealed,
    string ComponentName,
    bool Singleton,
    bool KeepAlive,
    string StateTypeName,
    InitialStateKind InitialState,
    EquatableArray<StateMemberModel> StateMembers,
    EquatableArray<ServiceParameterModel> ConstructorParameters,
    EquatableArray<ActionModel> Actions,
    EquatableArray<string> JsonRootTypes,
    EquatableArray<JsonTypeShape> JsonShapes,
    EquatableArray<string> KeyMemberNames,
    bool ImmutableState,
    AuthorizationModel Authorization,
    string? WritePolicy,
    bool HandlesRoomEvents = false);
