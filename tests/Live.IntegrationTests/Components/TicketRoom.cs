using System.Collections.Immutable;
using Live.Rooms;

namespace Live.IntegrationTests.Components;

public sealed record TicketState
{
    public ImmutableList<string> Log { get; init; } = [];

    public int Joins { get; init; }
}

/// <summary>A typed room: rooms named "tickets:…" are instances. Refuses users named "mallory"; logs its hooks.</summary>
[LiveRoom("tickets", MaxMembers = 3, AllowClientJoin = true)]
public sealed partial class TicketRoom(HookLog log) : LiveRoom<TicketState>
{
    /// <summary>Server-only: never sent to clients.</summary>
    public string Secret { get; set; } = "s3cr3t-server-only";

    protected override Task OnCreatedAsync()
    {
        log.Add($"tickets:created:{Key}");
        State = State with { Log = State.Log.Add("created") };
        return Task.CompletedTask;
    }

    protected override Task OnJoinAsync(RoomJoinContext context)
    {
        if (context.UserId == "mallory")
        {
            context.Reject("Mallory may not join tickets.");
            return Task.CompletedTask;
        }

        State = State with { Joins = State.Joins + 1 };
        return Task.CompletedTask;
    }

    protected override Task OnLeaveAsync(RoomLeaveContext context)
    {
        log.Add($"tickets:leave:{context.UserId}:{context.Reason}");
        return Task.CompletedTask;
    }

    protected override Task OnDestroyedAsync()
    {
        log.Add($"tickets:destroyed:{Key}");
        return Task.CompletedTask;
    }

    public void Append(string entry) => State = State with { Log = State.Log.Add(entry) };
}

[LiveRoom("vault")]
public sealed partial class VaultRoom : LiveRoom<TicketState>;

/// <summary>A broadcast room without presence.</summary>
[LiveRoom("feed", Presence = false)]
public sealed partial class FeedRoom : LiveRoom<TicketState>;
