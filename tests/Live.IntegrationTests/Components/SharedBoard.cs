using System.Collections.Immutable;

namespace Live.IntegrationTests.Components;

public sealed record BoardState
{
    public ImmutableList<BoardNote> Notes { get; init; } = [];
}

public sealed record BoardNote(int Id, string Text);

/// <summary>A singleton: every connection shares one instance.</summary>
[LiveComponent(Singleton = true)]
public sealed partial class SharedBoard(HookLog log) : LiveComponent<BoardState>
{
    [PublicAction]
    public int Post(string text)
    {
        var id = Notes.Count + 1;
        Notes = Notes.Add(new BoardNote(id, text));
        return id;
    }

    [PublicAction]
    public string WhoAmI() => Connection.ConnectionId;

    protected override Task OnMountAsync(MountContext context)
    {
        log.Add($"board:mount:{context.Connection.ConnectionId}");
        return Task.CompletedTask;
    }

    protected override Task OnDisconnectAsync(DisconnectContext context)
    {
        log.Add($"board:disconnect:{context.Reason}");
        return Task.CompletedTask;
    }

    protected override Task OnDestroyAsync()
    {
        log.Add("board:destroy");
        return Task.CompletedTask;
    }
}
