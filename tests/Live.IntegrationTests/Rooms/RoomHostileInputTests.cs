using Live.Client;
using Live.IntegrationTests.Infrastructure;
using Live.Rooms;
using Microsoft.Extensions.DependencyInjection;

namespace Live.IntegrationTests.Rooms;

public sealed class RoomHostileInputTests
{
    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/room")]
    [InlineData("quote\"")]
    [InlineData("ünïcode")]
    public async Task Bad_room_names_answer_invalid_room_name_and_join_nothing(string name)
    {
        await using var server = await LiveServer.StartAsync(o => o.Rooms.ClientJoins.Add(new RoomJoinRule("*")));
        await using var a = await RoomWire.ConnectAsync(server);

        var viaAction = await Assert.ThrowsAsync<LiveErrorException>(() => a.Chatter.InvokeAsync("join", new { room = name }));
        var viaWire = await a.RequestAsync($$"""{"type":"join","id":"$id","instance":"{{a.Chatter.InstanceId}}","room":{{System.Text.Json.JsonSerializer.Serialize(name)}}}""");

        Assert.Equal("invalid_room_name", viaAction.Code);
        Assert.Equal(name.Length == 0 ? "invalid_request" : "invalid_room_name", viaWire.GetProperty("code").GetString());
        Assert.Empty(a.OfType("joined"));
    }

    [Fact]
    public async Task An_overlong_room_name_is_refused_with_the_limit_named()
    {
        await using var server = await LiveServer.StartAsync();
        await using var a = await RoomWire.ConnectAsync(server);

        var error = await Assert.ThrowsAsync<LiveErrorException>(() => a.Chatter.InvokeAsync("join", new { room = new string('a', 129) }));

        Assert.Equal("invalid_room_name", error.Code);
        Assert.Contains("at most 128 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_join_to_a_room_that_does_not_allow_it_answers_room_join_forbidden_with_the_id()
    {
        await using var server = await LiveServer.StartAsync(o => o.Rooms.ClientJoins.Add(new RoomJoinRule("open:*")));
        await using var a = await RoomWire.ConnectAsync(server);

        var refused = await a.RequestAsync($$"""{"type":"join","id":"j1","instance":"{{a.Chatter.InstanceId}}","room":"secret"}""", "j1");
        var allowed = await a.RequestAsync($$$"""{"type":"join","id":"j2","instance":"{{{a.Chatter.InstanceId}}}","room":"open:1","metadata":{"color":"red"}}""", "j2");

        Assert.Equal("error", refused.GetProperty("type").GetString());
        Assert.Equal("j1", refused.GetProperty("id").GetString());
        Assert.Equal("room_join_forbidden", refused.GetProperty("code").GetString());
        Assert.Equal("joined", allowed.GetProperty("type").GetString());
        Assert.Equal("j2", allowed.GetProperty("id").GetString());
        Assert.Equal("red", allowed.GetProperty("state").GetProperty("members").EnumerateObject().Single().Value.GetProperty("metadata").GetProperty("color").GetString());
        Assert.DoesNotContain(a.OfType("joined"), j => j.GetProperty("room").GetString() == "secret");
    }

    [Fact]
    public async Task A_join_rule_with_a_policy_refuses_when_the_policy_cannot_be_satisfied()
    {
        await using var server = await LiveServer.StartAsync(o => o.Rooms.ClientJoins.Add(new RoomJoinRule("staff:*", Policy: "staff")));
        await using var a = await RoomWire.ConnectAsync(server);

        var refused = await a.RequestAsync($$"""{"type":"join","id":"$id","instance":"{{a.Chatter.InstanceId}}","room":"staff:1"}""");

        Assert.Equal("room_join_forbidden", refused.GetProperty("code").GetString());
        Assert.Contains("'staff'", refused.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_join_rule_with_a_policy_admits_users_who_satisfy_it_through_the_authorization_seam()
    {
        await using var server = await LiveServer.StartAsync(
            o => o.Rooms.ClientJoins.Add(new RoomJoinRule("staff:*", Policy: "staff")),
            services: s => s.AddAuthorization(a => a.AddPolicy("staff", p => p.RequireRole("admin"))),
            pipeline: TestUsers.SignInFromQuery);
        await using var admin = await RoomWire.ConnectAsync(server, "admin");
        await using var bob = await RoomWire.ConnectAsync(server, "bob");

        var admitted = await admin.RequestAsync($$"""{"type":"join","id":"$id","instance":"{{admin.Chatter.InstanceId}}","room":"staff:1"}""");
        var refused = await bob.RequestAsync($$"""{"type":"join","id":"$id","instance":"{{bob.Chatter.InstanceId}}","room":"staff:1"}""");

        Assert.Equal("joined", admitted.GetProperty("type").GetString());
        Assert.Equal("room_join_forbidden", refused.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Join_and_leave_for_an_instance_not_mounted_here_answer_instance_not_found()
    {
        await using var server = await LiveServer.StartAsync(o => o.Rooms.ClientJoins.Add(new RoomJoinRule("*")));
        await using var a = await RoomWire.ConnectAsync(server);
        await using var b = await RoomWire.ConnectAsync(server);

        var join = await a.RequestAsync($$"""{"type":"join","id":"$id","instance":"{{b.Chatter.InstanceId}}","room":"r"}""");
        var leave = await a.RequestAsync($$"""{"type":"leave","id":"$id","instance":"c_guess","room":"r"}""");

        Assert.Equal("instance_not_found", join.GetProperty("code").GetString());
        Assert.Equal("instance_not_found", leave.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Malformed_join_and_leave_frames_name_the_missing_or_mistyped_member()
    {
        await using var server = await LiveServer.StartAsync();
        await using var a = await RoomWire.ConnectAsync(server);
        var instance = a.Chatter.InstanceId;

        var noRoom = await a.RequestAsync($$"""{"type":"join","id":"$id","instance":"{{instance}}"}""");
        var numberRoom = await a.RequestAsync($$"""{"type":"leave","id":"$id","instance":"{{instance}}","room":7}""");
        var arrayMetadata = await a.RequestAsync($$"""{"type":"join","id":"$id","instance":"{{instance}}","room":"x","metadata":[1]}""");

        Assert.Equal(("invalid_request", "The member \"room\" is required."), (noRoom.GetProperty("code").GetString(), noRoom.GetProperty("message").GetString()));
        Assert.Contains("\"room\" must be a string", numberRoom.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"metadata\" must be a JSON object", arrayMetadata.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_leave_before_any_join_answers_room_not_joined_and_the_connection_stays_usable()
    {
        await using var server = await LiveServer.StartAsync();
        await using var a = await RoomWire.ConnectAsync(server);

        var early = await a.RequestAsync($$"""{"type":"leave","id":"$id","instance":"{{a.Chatter.InstanceId}}","room":"never"}""");
        var viaAction = await Assert.ThrowsAsync<LiveErrorException>(() => a.Chatter.InvokeAsync("leave", new { room = "never" }));
        await a.Chatter.InvokeAsync("join", new { room = "later" });

        Assert.Equal("room_not_joined", early.GetProperty("code").GetString());
        Assert.Equal("room_not_joined", viaAction.Code);
        Assert.Single(a.OfType("joined"));
    }

    [Fact]
    public async Task An_event_to_a_room_the_component_has_not_joined_answers_room_not_joined()
    {
        await using var server = await LiveServer.StartAsync();
        await using var a = await RoomWire.ConnectAsync(server);
        await using var b = await RoomWire.ConnectAsync(server);
        await b.Chatter.InvokeAsync("join", new { room = "theirs" });

        var existing = await Assert.ThrowsAsync<LiveErrorException>(() => a.Chatter.InvokeAsync("say", new { room = "theirs", text = "intrude" }));
        var missing = await Assert.ThrowsAsync<LiveErrorException>(() => a.Chatter.InvokeAsync("say", new { room = "nowhere", text = "x" }));

        Assert.Equal("room_not_joined", existing.Code);
        Assert.Equal("room_not_joined", missing.Code);
        await b.Chatter.InvokeAsync("say", new { room = "theirs", text = "own" });
        await b.WaitForAsync("event");
        Assert.Equal(["own"], b.EventTexts("theirs"));
    }

    [Fact]
    public async Task An_oversized_event_answers_event_too_large_and_reaches_nobody()
    {
        await using var server = await LiveServer.StartAsync(o => o.Rooms.MaxEventBytes = 1024);
        await using var a = await RoomWire.ConnectAsync(server);
        await using var b = await RoomWire.ConnectAsync(server);
        await a.Chatter.InvokeAsync("join", new { room = "big" });
        await b.Chatter.InvokeAsync("join", new { room = "big" });

        var error = await Assert.ThrowsAsync<LiveErrorException>(() => a.Chatter.InvokeAsync("shout", new { room = "big", size = 2000 }));
        await a.Chatter.InvokeAsync("shout", new { room = "big", size = 10 });

        Assert.Equal("event_too_large", error.Code);
        Assert.Contains("at most 1024 bytes", error.Message, StringComparison.Ordinal);
        await b.WaitForAsync("event");
        Assert.Single(b.OfType("event"));
    }

    [Fact]
    public async Task More_rooms_than_the_per_connection_limit_answer_too_many_rooms()
    {
        await using var server = await LiveServer.StartAsync(o => o.Rooms.MaxRoomsPerConnection = 2);
        await using var a = await RoomWire.ConnectAsync(server);
        await a.Chatter.InvokeAsync("join", new { room = "r1" });
        await a.Chatter.InvokeAsync("join", new { room = "r2" });

        var error = await Assert.ThrowsAsync<LiveErrorException>(() => a.Chatter.InvokeAsync("join", new { room = "r3" }));

        Assert.Equal("too_many_rooms", error.Code);
    }
}
