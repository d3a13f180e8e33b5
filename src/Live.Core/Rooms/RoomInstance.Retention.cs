using System.Text.Json.Nodes;
using Live.Connections;
using Live.Instances;
using Live.Protocol;

namespace Live.Rooms;

/// <summary>
/// Rooms and instance retention: when a connection drops while a component of it is kept for a resume, the room holds
/// that component's membership — the user stays a member, with the live state the connection wrote, showing one
/// connection less — until the component is resumed on a new connection (it is back in the room, no hooks run, and
/// that live state passes to the new connection) or its retention ends (it leaves with reason
/// <see cref="RoomLeaveReason.Disconnected"/>, and that live state goes). Everything runs on the room's queue.
/// </summary>
internal sealed partial class RoomInstance
{
    private readonly Dictionary<string, HeldMembership> held = new(StringComparer.Ordinal);

    /// <summary>
    /// Takes <paramref name="component"/> of the ended connection out of the room's live members. With
    /// <paramref name="hold"/> its membership is held for a resume; without (the client closed the connection on
    /// purpose) it leaves now. Returns whether it was a member, and the metadata its connection joined with.
    /// </summary>
    public Task<(bool Member, JsonObject? Metadata)> DetachKeptAsync(string connectionId, ComponentInstance component, bool hold) =>
        queue.Enqueue(async () =>
        {
            if (IsDestroyed || !connections.TryGetValue(connectionId, out var membership) || !membership.Components.Remove(component))
            {
                return (false, (JsonObject?)null);
            }

            if (hold)
            {
                if (!held.TryGetValue(connectionId, out var membershipHeld))
                {
                    held[connectionId] = membershipHeld = new HeldMembership(membership.Identity, membership.Metadata);
                }

                membershipHeld.Components.Add(component);
            }

            if (membership.Components.Count == 0)
            {
                await RemoveConnectionAsync(membership, RoomLeaveReason.Disconnected).ConfigureAwait(false);
            }

            return (true, membership.Metadata);
        });

    /// <summary>
    /// Puts a resumed component back in the room on its new connection <paramref name="sink"/>, which gets a
    /// <c>joined</c> snapshot. Returns <see langword="null"/> on success, else why it could not (the room was closed
    /// meanwhile, or the new connection is in too many rooms); then its held membership is over.
    /// </summary>
    public Task<ProtocolError?> ResumeHeldAsync(string heldConnectionId, ComponentInstance component, IConnectionSink sink) =>
        queue.Enqueue(async () =>
        {
            if (IsDestroyed || !held.TryGetValue(heldConnectionId, out var membershipHeld) || !membershipHeld.Components.Remove(component))
            {
                return new ProtocolError(ErrorCodes.RoomNotJoined, $"The room '{Name}' was closed while the component was away.");
            }

            var last = membershipHeld.Components.Count == 0;
            if (last)
            {
                held.Remove(heldConnectionId);
            }

            var userId = membershipHeld.Identity.UserId;
            var connectionId = sink.Context.ConnectionId;
            connections.TryGetValue(connectionId, out var existing);
            if (existing is null && (sink.Context.ConnectionAborted.IsCancellationRequested || !manager.CanTrackAnother(connectionId)))
            {
                if (last)
                {
                    await EndHeldConnectionAsync(heldConnectionId, membershipHeld, RoomLeaveReason.Disconnected).ConfigureAwait(false);
                }

                return new ProtocolError(ErrorCodes.TooManyRooms, $"The connection is in the maximum of {runtime.Options.Rooms.MaxRoomsPerConnection} rooms, so the resumed component could not return to '{Name}'.");
            }

            // The component is back: the live state its dropped connection wrote now belongs to the new connection (it
            // did not go meanwhile, so there is nothing to restore, and it goes when the new connection leaves).
            presence.TransferLive(heldConnectionId, connectionId);
            if (existing is not null)
            {
                // Another component of the new connection is already in the room: it simply joins that membership.
                if (!existing.Components.Contains(component))
                {
                    existing.Components.Add(component);
                }

                if (last)
                {
                    await EndHeldConnectionAsync(heldConnectionId, membershipHeld, RoomLeaveReason.Disconnected).ConfigureAwait(false);
                }

                sink.TrySend(ServerMessages.Joined(null, Name, component.Id, Id, Version, DocumentJson));
                return null;
            }

            var now = runtime.TimeProvider.GetUtcNow();
            if (last && membershipHeld.Counted)
            {
                presence.ResumeHeld(userId, now);
            }
            else
            {
                presence.AddConnection(membershipHeld.Identity, metadata: null, now);
            }

            MarkPresenceDirty();
            AddMembership(new RoomConnection(sink, membershipHeld.Identity) { Metadata = membershipHeld.Metadata }, component, requestId: null);
            return null;
        });

    /// <summary>The kept component will not be resumed (its retention ended): its held membership ends with <paramref name="reason"/>.</summary>
    public Task ReleaseHeldAsync(string heldConnectionId, ComponentInstance component, RoomLeaveReason reason) => queue.Enqueue(async () =>
    {
        if (IsDestroyed || !held.TryGetValue(heldConnectionId, out var membershipHeld) || !membershipHeld.Components.Remove(component)
            || membershipHeld.Components.Count > 0)
        {
            return;
        }

        held.Remove(heldConnectionId);
        await EndHeldConnectionAsync(heldConnectionId, membershipHeld, reason).ConfigureAwait(false);
    });

    /// <summary>Ends every held membership (the room is closing).</summary>
    private async Task EndHoldsAsync(RoomLeaveReason reason)
    {
        foreach (var (connectionId, membershipHeld) in held.ToList())
        {
            held.Remove(connectionId);
            await EndHeldConnectionAsync(connectionId, membershipHeld, reason).ConfigureAwait(false);
        }
    }

    private async Task EndHeldConnectionAsync(string connectionId, HeldMembership membershipHeld, RoomLeaveReason reason)
    {
        if (!membershipHeld.Counted)
        {
            // The connection is still a live member through other components: it leaves when they do.
            return;
        }

        var userId = membershipHeld.Identity.UserId;
        presence.RemoveLiveOf(connectionId);
        var userLeft = presence.EndHold(userId);
        MarkPresenceDirty();
        await RunLeaveHookAsync(connectionId, userId, userLeft, reason).ConfigureAwait(false);
        Flush();
        ScheduleCleanupIfEmpty();
    }
}
