using Live.Generators.Components;
using Live.Generators.Rooms;

namespace Live.Generators.Emit;

/// <summary>Writes <c>{Namespace}.{Type}.LiveRoom.g.cs</c>: the room's initial state and its descriptor.</summary>
internal static class RoomEmitter
{
    public static string Emit(RoomModel model, string jsonResolverType)
    {
        var w = new CodeWriter();
        PartialTypeFile.Open(w, model.Namespace, model.ContainingTypes, model.TypeName);
        if (model.InitialState == InitialStateKind.ParameterlessConstructor)
        {
            w.Line("/// <inheritdoc/>");
            w.Line($"protected override {model.StateTypeName} CreateInitialState() => new {model.StateTypeName}();");
            w.Line();
        }

        w.Line("/// <summary>Describes this room to the Live runtime; called by the generated registration.</summary>");
        w.Open("internal static global::Live.Registration.RoomDescriptor CreateLiveRoomDescriptor()");
        w.Line("return new global::Live.Registration.RoomDescriptor(");
        w.Indent();
        w.Line($"name: {ComponentEmitter.Literal(model.RoomName)},");
        w.Line($"roomType: typeof({model.FullyQualifiedName}),");
        w.Line($"stateType: typeof({model.StateTypeName}),");
        ComponentEmitter.EmitFactory(w, model.FullyQualifiedName, model.TypeName, model.ConstructorParameters, "room");
        w.Line($"maxMembers: {model.MaxMembers},");
        w.Line($"allowClientJoin: {(model.AllowClientJoin ? "true" : "false")},");
        w.Line($"joinPolicy: {(model.JoinPolicy is null ? "null" : ComponentEmitter.Literal(model.JoinPolicy))},");
        w.Line($"typeInfoResolver: {jsonResolverType}.Default,");
        w.Line($"presence: {(model.Presence ? "true" : "false")});");
        w.Outdent();
        w.Close();
        PartialTypeFile.Close(w, model.ContainingTypes);

        return w.ToString();
    }
}
