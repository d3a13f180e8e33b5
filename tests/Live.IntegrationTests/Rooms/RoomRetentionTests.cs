using System.Text.Json;
using Live.IntegrationTests.Infrastructure;
using Live.Rooms;
using Microsoft.Extensions.DependencyInjection;

namespace Live.IntegrationTests.Rooms;

/// <summary>
/// Rooms together with retention: a kept instance is not a room member, a resume does not put it back (its own code
/// re-joins), and room pseudo-instance ids are not instances a client can resume.
/// </summary>
public sealed class RoomRetentionTests
{
    [Fact]
    public async Task A_dropped_connection_leaves_its_rooms_while_its_instance_is_kept_and_a_resumed_component_rejoins_by_its_own_code()
    {
        await using var server = await LiveServer.StartAsync(pipeline: TestUsers.SignInFromQuery);
        await using var observer = await RoomWire.ConnectAsync(server, "bob");
        await observer.Chatter.InvokeAsync("join", new { room = "doc" });
        var room = (await observer.WaitForAsync("joined")).GetProperty("roomInstance").GetString()!;
        var alice = await RoomWire.ConnectAsync(server, "alice");
        var chatter = alice.Chatter.InstanceId;
        var secret = alice.Chatter.ResumeSecret!;
        await alice.Chatter.InvokeAsync("join", new { room = "doc" });
        await observer.RoomDocumentAsync(room, d => d["members"]!["alice"] is not null);

        await alice.DisposeAsync();
        await server.Logs.WaitForAsync(e => e.Message.Contains($"{chatter} of ", StringComparison.Ordinal) && e.Message.Contains("lost its connection", StringComparison.Ordinal));

        // Presence shows alice offline although her Chatter is kept for a resume.
        await observer.RoomDocumentAsync(room, d => d["members"]!["alice"] is null);
        Assert.DoesNotContain(await server.Services.GetRequiredService<ILiveRooms>().Room("doc").GetMembersAsync(), m => m.UserId == "alice");

        await using var back = await RoomWire.ConnectAsync(server, "alice");
        var resumed = await ResumeTests.ResumeRawAsync(back.Connection, chatter, secret, alice.Chatter.Version);
        Assert.True(resumed.GetProperty("type").GetString() == "resumed", resumed.GetRawText());

        // The resume re-attached the instance, not its old memberships: it is in no room until it joins again.
        Assert.DoesNotContain(await server.Services.GetRequiredService<ILiveRooms>().Room("doc").GetMembersAsync(), m => m.UserId == "alice");
        var leave = await back.RequestAsync($$$"""{"type":"action","id":"$id","instance":"{{{chatter}}}","action":"leave","args":{"room":"doc"}}""");
        Assert.Equal("room_not_joined", leave.GetProperty("code").GetString());

        var join = await back.RequestAsync($$$"""{"type":"action","id":"$id","instance":"{{{chatter}}}","action":"join","args":{"room":"doc"}}""");
        Assert.True(join.GetProperty("type").GetString() == "result", join.GetRawText());
        await observer.RoomDocumentAsync(room, d => d["members"]!["alice"] is not null);
    }

    [Fact]
    public async Task A_room_pseudo_instance_id_cannot_be_resumed_and_resyncs_only_for_a_member()
    {
        await using var server = await LiveServer.StartAsync(pipeline: TestUsers.SignInFromQuery);
        await using var member = await RoomWire.ConnectAsync(server, "bob");
        await member.Chatter.InvokeAsync("join", new { room = "doc" });
        var room = (await member.WaitForAsync("joined")).GetProperty("roomInstance").GetString()!;
        Assert.StartsWith("r_", room, StringComparison.Ordinal);
        await using var other = await RoomWire.ConnectAsync(server, "bob");

        var resumeFromMember = await ResumeTests.ResumeRawAsync(member.Connection, room, "not-a-secret", 0);
        var resumeFromOther = await ResumeTests.ResumeRawAsync(other.Connection, room, "not-a-secret", 0);
        Assert.Equal("resume_failed", resumeFromMember.GetProperty("code").GetString());
        Assert.Equal("resume_failed", resumeFromOther.GetProperty("code").GetString());

        var resyncByMember = await member.RequestAsync($$"""{"type":"resync","id":"$id","instance":"{{room}}"}""");
        Assert.True(resyncByMember.GetProperty("type").GetString() == "state", resyncByMember.GetRawText());
        var resyncByOther = await other.RequestAsync($$"""{"type":"resync","id":"$id","instance":"{{room}}"}""");
        Assert.Equal("instance_not_found", resyncByOther.GetProperty("code").GetString());

        // The member's room membership is untouched by the refused resumes.
        await member.Chatter.InvokeAsync("say", new { room = "doc", text = "still here" });
        await member.WaitForAsync("event", e => e.GetProperty("data").GetProperty("text").GetString() == "still here");
    }
}
