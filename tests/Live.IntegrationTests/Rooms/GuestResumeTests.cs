using Live.IntegrationTests.Infrastructure;
using Live.Rooms;
using Microsoft.Extensions.DependencyInjection;

namespace Live.IntegrationTests.Rooms;

/// <summary>
/// An anonymous guest resumed on a new connection is one guest under one id: the new connection takes over the guest
/// id the instance had, in the rooms it was held in and in rooms it joins afterwards; a connection already in use as
/// another guest re-joins the held rooms under its own id instead.
/// </summary>
public sealed class GuestResumeTests
{
    [Fact]
    public async Task A_resumed_guest_keeps_its_guest_id_in_held_rooms_in_rooms_joined_later_and_in_what_it_writes()
    {
        await using var server = await LiveServer.StartAsync();
        var rooms = server.Services.GetRequiredService<ILiveRooms>();
        var held = await HoldGuestAsync(server, writeLiveState: false);
        await using var observer = held.Observer;
        await using var guest = held.Guest;
        var (lobby, chatter, guestId) = (held.Lobby, guest.Chatter.InstanceId, held.GuestId);

        var mark = observer.DocumentCount;
        await using var back = await RoomWire.ConnectAsync(server);
        var resumed = await ResumeTests.ResumeRawAsync(back.Connection, chatter, guest.Chatter.ResumeSecret!, guest.Chatter.Version);
        Assert.True(resumed.GetProperty("type").GetString() == "resumed", resumed.GetRawText());
        await back.WaitForAsync("joined", j => j.GetProperty("instance").GetString() == chatter);

        // In the held room: the same guest, back to one connection.
        var document = await observer.RoomDocumentAfterAsync(mark, lobby, d => d["members"]![guestId]?["connections"]?.GetValue<int>() == 1);
        Assert.Equal(2, document["members"]!.AsObject().Count);

        // What it writes and sends there, and a room it joins now, carry the same id.
        var say = await back.RequestAsync($$$"""{"type":"action","id":"$id","instance":"{{{chatter}}}","action":"setLive","args":{"room":"lobby","key":"cursor","value":"3"}}""");
        Assert.True(say.GetProperty("type").GetString() == "result", say.GetRawText());
        document = await observer.RoomDocumentAsync(lobby, d => d["live"]!["cursor"] is not null);
        Assert.Equal(guestId, document["live"]!["cursor"]!["userId"]!.GetValue<string>());
        Assert.Equal(2, document["members"]!.AsObject().Count);

        var join = await back.RequestAsync($$$"""{"type":"action","id":"$id","instance":"{{{chatter}}}","action":"join","args":{"room":"later"}}""");
        Assert.True(join.GetProperty("type").GetString() == "result", join.GetRawText());
        Assert.Equal(guestId, Assert.Single(await rooms.Room("later").GetMembersAsync()).UserId);

        // A component mounted on the new connection is that guest too; and the server reaches it under that id.
        await back.Chatter.InvokeAsync("join", new { room = "later" });
        var member = Assert.Single(await rooms.Room("later").GetMembersAsync());
        Assert.Equal((guestId, 1), (member.UserId, member.Connections));
        Assert.Equal(1, await rooms.SendToUserAsync(guestId, new Components.Nudge("still you")));
    }

    [Fact]
    public async Task A_connection_already_in_a_room_as_another_guest_rejoins_the_held_rooms_under_its_own_id()
    {
        await using var server = await LiveServer.StartAsync();
        var rooms = server.Services.GetRequiredService<ILiveRooms>();
        var held = await HoldGuestAsync(server, writeLiveState: true);
        await using var observer = held.Observer;
        await using var guest = held.Guest;
        var (chatter, oldId) = (guest.Chatter.InstanceId, held.GuestId);

        // The new connection is in use as a guest of its own before it resumes the instance.
        await using var back = await RoomWire.ConnectAsync(server);
        await back.Chatter.InvokeAsync("join", new { room = "elsewhere" });
        var newId = Assert.Single(await rooms.Room("elsewhere").GetMembersAsync()).UserId;
        Assert.NotEqual(oldId, newId);
        var resumed = await ResumeTests.ResumeRawAsync(back.Connection, chatter, guest.Chatter.ResumeSecret!, guest.Chatter.Version);
        Assert.True(resumed.GetProperty("type").GetString() == "resumed", resumed.GetRawText());
        await back.WaitForAsync("joined", j => j.GetProperty("instance").GetString() == chatter && j.GetProperty("room").GetString() == "lobby");

        // The old guest left (with its live state); the connection is in the lobby under its one id.
        var document = await observer.RoomDocumentAsync(held.Lobby, d => d["members"]![oldId] is null && d["members"]![newId] is not null);
        Assert.Null(document["live"]!["cursor"]);
        Assert.Equal(2, document["members"]!.AsObject().Count);
    }

    /// <summary>
    /// An anonymous observer and an anonymous guest in the room "lobby"; the guest's connection has dropped and the room
    /// holds its Chatter (the guest a member with no connection).
    /// </summary>
    private static async Task<(RoomWire Observer, string Lobby, RoomWire Guest, string GuestId)> HoldGuestAsync(LiveServer server, bool writeLiveState)
    {
        var rooms = server.Services.GetRequiredService<ILiveRooms>();
        var observer = await RoomWire.ConnectAsync(server);
        await observer.Chatter.InvokeAsync("join", new { room = "lobby" });
        var lobby = (await observer.WaitForAsync("joined")).GetProperty("roomInstance").GetString()!;
        var observerId = Assert.Single(await rooms.Room("lobby").GetMembersAsync()).UserId;
        server.SpareConnections();
        var guest = await RoomWire.ConnectAsync(server);
        await guest.Chatter.InvokeAsync("join", new { room = "lobby" });
        if (writeLiveState)
        {
            await guest.Chatter.InvokeAsync("setLive", new { room = "lobby", key = "cursor", value = "3" });
        }

        var guestId = (await rooms.Room("lobby").GetMembersAsync()).Single(m => m.UserId != observerId).UserId;
        await ResumeTests.DropAndWaitUntilKeptAsync(server, guest.Connection, guest.Chatter.InstanceId);
        await observer.RoomDocumentAsync(lobby, d => d["members"]![guestId]?["connections"]?.GetValue<int>() == 0);
        return (observer, lobby, guest, guestId);
    }
}
