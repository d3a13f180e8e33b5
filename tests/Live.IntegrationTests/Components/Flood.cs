namespace Live.IntegrationTests.Components;

public sealed record FloodState
{
    public string Payload { get; init; } = string.Empty;

    public int Round { get; init; }
}

/// <summary>Pushes many large patches from server-side work, to fill a slow reader's send queue.</summary>
[LiveComponent]
public sealed partial class Flood : LiveComponent<FloodState>
{
    [PublicAction]
    public void Blast(int rounds, int size)
    {
        // Work queued from inside an action would run inline (one patch); queue it from outside instead, so each
        // round is its own piece of server-side work with its own patch.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(() =>
            {
                for (var i = 0; i < rounds; i++)
                {
                    var round = i;
                    _ = InvokeAsync(() =>
                    {
                        Round = round + 1;
                        Payload = new string((char)('a' + (round % 26)), size);
                    });
                }
            });
        }
    }
}
