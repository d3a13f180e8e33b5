namespace Live.IntegrationTests.Components;

public sealed record TickerState
{
    public int Ticks { get; init; }

    public string LastEvent { get; init; } = string.Empty;
}

/// <summary>Changes its state from outside any action: a timer and a background event.</summary>
[LiveComponent]
public sealed partial class Ticker(TimeProvider time, ExternalEvents events) : LiveComponent<TickerState>, IDisposable
{
    private ITimer? timer;

    public void Dispose() => timer?.Dispose();

    /// <summary>A change made by an action (its caller gets it inside the result).</summary>
    [PublicAction]
    public void Note(string text) => LastEvent = text;

    [PublicAction]
    public void Start(int everyMs) =>
        timer ??= time.CreateTimer(_ => _ = InvokeAsync(() => Ticks++), null, TimeSpan.FromMilliseconds(everyMs), TimeSpan.FromMilliseconds(everyMs));

    protected override Task OnMountAsync(MountContext context)
    {
        events.Raised += OnEvent;
        return Task.CompletedTask;
    }

    protected override Task OnDestroyAsync()
    {
        events.Raised -= OnEvent;
        Dispose();
        return Task.CompletedTask;
    }

    private void OnEvent(string text) => _ = InvokeAsync(() => LastEvent = text);
}

/// <summary>A background event source the tests raise.</summary>
public sealed class ExternalEvents
{
    public event Action<string>? Raised;

    public void Raise(string text) => Raised?.Invoke(text);
}
