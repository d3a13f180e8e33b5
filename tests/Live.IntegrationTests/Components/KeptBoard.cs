namespace Live.IntegrationTests.Components;

public sealed record KeptBoardState
{
    public int Visits { get; init; }
}

/// <summary>A singleton that outlives its connections (KeepAlive).</summary>
[LiveComponent(Singleton = true, KeepAlive = true)]
public sealed partial class KeptBoard : LiveComponent<KeptBoardState>
{
    [PublicAction]
    public int Visit() => ++Visits;
}
