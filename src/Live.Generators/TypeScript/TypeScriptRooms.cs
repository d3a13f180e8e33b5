using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Live.Generators.Rooms;

namespace Live.Generators.TypeScript;

/// <summary>
/// Writes the room part of the bindings: <c>LiveEvents</c>, the map from each <c>[LiveEvent]</c>'s wire name to its
/// interface (clients type <c>onRoomEvent</c> handlers with it), and one <c>defineRoom</c> per typed room.
/// </summary>
internal static class TypeScriptRooms
{
    public static void Write(StringBuilder ts, ImmutableArray<RoomModel> rooms, ImmutableArray<EventModel> events, TypeScriptTypes types)
    {
        if (!events.IsEmpty)
        {
            ts.Append("\n/** Every room event of this assembly, by wire name. */\n");
            ts.Append("export interface LiveEvents {\n");
            foreach (var e in events.OrderBy(e => e.WireName, StringComparer.Ordinal))
            {
                ts.Append("  ").Append(TypeScriptNames.PropertyKey(e.WireName)).Append(": ").Append(types.Of(e.FullyQualifiedName)).Append(";\n");
            }

            ts.Append("}\n");
        }

        foreach (var room in rooms.OrderBy(r => r.TypeName, StringComparer.Ordinal).ThenBy(r => r.FullyQualifiedName, StringComparer.Ordinal))
        {
            ts.Append('\n');
            ts.Append("export const ").Append(TypeScriptNames.ToIdentifier(room.TypeName)).Append(" = defineRoom<").Append(types.Of(room.StateTypeName));
            if (!events.IsEmpty)
            {
                ts.Append(", LiveEvents");
            }

            ts.Append(">(").Append(TypeScriptNames.Literal(room.RoomName)).Append(");\n");
        }
    }
}
