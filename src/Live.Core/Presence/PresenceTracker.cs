using System.Text.Json;
using System.Text.Json.Nodes;

namespace Live.Presence;

/// <summary>
/// The presence of one room: its members (one per user, counting the user's connections) and its live-state entries.
/// Owned by the room and used only on its queue, so it needs no locking. Written into the room's synced document as
/// <c>members</c> (an object keyed by user id) and <c>live</c> (an object keyed by entry key).
/// </summary>
/// <remarks>
/// Each live-state entry belongs to the connection that wrote it last (like Phoenix Presence's per-process metadata):
/// it goes when that connection leaves the room for good (<see cref="RemoveLiveOf"/>), not when the user's other tab
/// does. The owner is kept here only; the wire shows the writer's user id, never a connection id.
/// </remarks>
internal sealed class PresenceTracker
{
    private readonly Dictionary<string, Member> members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (LiveStateEntry Entry, string? Owner)> live = new(StringComparer.Ordinal);

    public int MemberCount => members.Count;

    public bool Contains(string userId) => members.ContainsKey(userId);

    /// <summary>Counts one more (online) connection of <paramref name="identity"/>; returns whether the user is new to the room.</summary>
    public bool AddConnection(UserIdentity identity, JsonObject? metadata, DateTimeOffset now)
    {
        if (members.TryGetValue(identity.UserId, out var member))
        {
            member.Connections++;
            member.LastActive = now;
            member.Recompute();
            if (metadata is not null)
            {
                member.Metadata = metadata;
            }

            return false;
        }

        members[identity.UserId] = new Member(identity.UserId, identity.DisplayName, now) { Metadata = metadata };
        return true;
    }

    /// <summary>
    /// Counts one connection less (<paramref name="wasAway"/>: it had said it was away); returns whether that was the
    /// user's last — live or held — connection (the user left, with their live state).
    /// </summary>
    public bool RemoveConnection(string userId, bool wasAway)
    {
        if (!members.TryGetValue(userId, out var member))
        {
            return false;
        }

        member.Connections--;
        if (wasAway)
        {
            member.Away--;
        }

        member.Recompute();
        return RemoveIfGone(member);
    }

    /// <summary>
    /// A connection of the user dropped while a component of it is kept for a resume: it stops counting as connected
    /// but keeps the user a member (with their live state) until <see cref="EndHold"/> or <see cref="ResumeHeld"/>.
    /// </summary>
    public void HoldConnection(string userId, bool wasAway)
    {
        if (members.TryGetValue(userId, out var member))
        {
            member.Connections--;
            if (wasAway)
            {
                member.Away--;
            }

            member.Held++;
            member.Recompute();
        }
    }

    /// <summary>A held connection was resumed: it counts as an online connection again.</summary>
    public void ResumeHeld(string userId, DateTimeOffset now)
    {
        if (members.TryGetValue(userId, out var member))
        {
            member.Held--;
            member.Connections++;
            member.LastActive = now;
            member.Recompute();
        }
    }

    /// <summary>A held connection will not come back; returns whether the user left with it.</summary>
    public bool EndHold(string userId)
    {
        if (!members.TryGetValue(userId, out var member))
        {
            return false;
        }

        member.Held--;
        return RemoveIfGone(member);
    }

    public void Touch(string userId, DateTimeOffset now)
    {
        if (members.TryGetValue(userId, out var member))
        {
            member.LastActive = now;
        }
    }

    /// <summary>
    /// One connection of the user says it is away (or online again; the same as before changes nothing). Returns the
    /// user's resulting status: away only when every connection of theirs in the room is away.
    /// </summary>
    public PresenceStatus SetConnectionAway(string userId, bool wasAway, bool away, DateTimeOffset now)
    {
        var member = members[userId];
        if (wasAway != away)
        {
            member.Away += away ? 1 : -1;
            member.LastActive = now;
            member.Recompute();
        }

        return member.Status;
    }

    /// <summary>Server code sets the status of the user (every connection of theirs in the room follows).</summary>
    public bool SetStatus(string userId, PresenceStatus status, DateTimeOffset now)
    {
        if (!members.TryGetValue(userId, out var member))
        {
            return false;
        }

        member.Away = status == PresenceStatus.Away ? member.Connections : 0;
        member.Status = status;
        member.LastActive = now;
        return true;
    }

    /// <summary>
    /// Sets (or with a <see langword="null"/> value removes) a live-state entry; the last writer wins, and the entry
    /// belongs to <paramref name="connectionId"/>, the writing connection (<see langword="null"/> for server code).
    /// </summary>
    public void SetLive(string key, JsonNode? value, string userId, string? connectionId, DateTimeOffset now)
    {
        if (value is null)
        {
            live.Remove(key);
        }
        else
        {
            live[key] = (new LiveStateEntry(key, value.DeepClone(), userId, now), connectionId);
        }

        Touch(userId, now);
    }

    /// <summary>
    /// The connection left the room for good: the entries it wrote last go (not those another connection overwrote).
    /// Returns whether any went.
    /// </summary>
    public bool RemoveLiveOf(string connectionId)
    {
        var removed = false;
        foreach (var (key, (_, owner)) in live)
        {
            if (owner == connectionId)
            {
                live.Remove(key);
                removed = true;
            }
        }

        return removed;
    }

    /// <summary>A held connection was resumed on <paramref name="to"/>: the entries it wrote now belong to that connection.</summary>
    public void TransferLive(string from, string to)
    {
        foreach (var (key, (entry, owner)) in live)
        {
            if (owner == from)
            {
                live[key] = (entry, to);
            }
        }
    }

    public IReadOnlyList<RoomMember> Members() =>
        [.. members.Values.Select(m => new RoomMember(m.UserId, m.DisplayName, m.Connections, m.Status, m.LastActive, (JsonObject?)m.Metadata?.DeepClone()))];

    public IReadOnlyList<LiveStateEntry> LiveEntries() =>
        [.. live.Values.Select(e => e.Entry with { Value = e.Entry.Value?.DeepClone() })];

    /// <summary>Writes <c>"members": {...}, "live": {...}</c> into the open document object.</summary>
    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("members"u8);
        foreach (var member in members.Values)
        {
            writer.WriteStartObject(member.UserId);
            writer.WriteString("userId"u8, member.UserId);
            writer.WriteString("name"u8, member.DisplayName);
            writer.WriteNumber("connections"u8, member.Connections);
            writer.WriteString("status"u8, member.Status == PresenceStatus.Away ? "away"u8 : "online"u8);
            writer.WriteString("lastActive"u8, member.LastActive);
            if (member.Metadata is not null)
            {
                writer.WritePropertyName("metadata"u8);
                member.Metadata.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteStartObject("live"u8);
        foreach (var (entry, _) in live.Values)
        {
            writer.WriteStartObject(entry.Key);
            writer.WritePropertyName("value"u8);
            if (entry.Value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                entry.Value.WriteTo(writer);
            }

            writer.WriteString("userId"u8, entry.UserId);
            writer.WriteString("at"u8, entry.UpdatedAt);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private bool RemoveIfGone(Member member)
    {
        if (member.Connections > 0 || member.Held > 0)
        {
            return false;
        }

        // Every connection of the user has left, so the entries they own are gone already; what is left of theirs was
        // written through a connection that was not a member (it had no membership to end with): it goes with them.
        members.Remove(member.UserId);
        foreach (var (key, (entry, _)) in live)
        {
            if (entry.UserId == member.UserId)
            {
                live.Remove(key);
            }
        }

        return true;
    }

    private sealed class Member(string userId, string displayName, DateTimeOffset joined)
    {
        public string UserId { get; } = userId;

        public string DisplayName { get; } = displayName;

        /// <summary>Live connections in the room.</summary>
        public int Connections { get; set; } = 1;

        /// <summary>Connections that dropped and may be resumed (not counted in <see cref="Connections"/>).</summary>
        public int Held { get; set; }

        /// <summary>How many of <see cref="Connections"/> said they are away.</summary>
        public int Away { get; set; }

        public PresenceStatus Status { get; set; } = PresenceStatus.Online;

        public DateTimeOffset LastActive { get; set; } = joined;

        public JsonObject? Metadata { get; set; }

        /// <summary>Away when every live connection is away; with none live, the last status stays.</summary>
        public void Recompute()
        {
            if (Connections > 0)
            {
                Status = Away >= Connections ? PresenceStatus.Away : PresenceStatus.Online;
            }
        }
    }
}
