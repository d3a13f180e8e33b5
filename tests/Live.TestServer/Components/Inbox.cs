using System.Collections.Immutable;

namespace Live.TestServer.Components;

public sealed record InboxState
{
    public ImmutableList<string> Messages { get; init; } = [];
}

/// <summary>
/// A per-connection inbox: every live <see cref="Inbox"/> — also one kept for resume after its connection dropped —
/// receives what any client posts. Lets tests change a per-connection component while its client is away.
/// </summary>
[LiveComponent]
public sealed partial class Inbox(Mailroom mailroom) : LiveComponent<InboxState>
{
    /// <summary>Delivers <paramref name="text"/> to every inbox; returns how many received it.</summary>
    [PublicAction]
    public int Post(string text) => mailroom.Deliver(text);

    protected override Task OnMountAsync(MountContext context)
    {
        mailroom.Delivered += OnDelivered;
        return Task.CompletedTask;
    }

    protected override Task OnDestroyAsync()
    {
        mailroom.Delivered -= OnDelivered;
        return Task.CompletedTask;
    }

    private void OnDelivered(string text) => _ = ReceiveAsync(text);

    private async Task ReceiveAsync(string text)
    {
        try
        {
            await InvokeAsync(() => Messages = Messages.Add(text));
        }
        catch (InvalidOperationException)
        {
            // Destroyed meanwhile.
        }
    }
}

/// <summary>Connects the <see cref="Inbox"/> instances.</summary>
public sealed class Mailroom
{
    public event Action<string>? Delivered;

    public int Deliver(string text)
    {
        var handlers = Delivered;
        handlers?.Invoke(text);
        return handlers?.GetInvocationList().Length ?? 0;
    }
}
