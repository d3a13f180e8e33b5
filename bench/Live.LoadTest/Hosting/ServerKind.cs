namespace Live.LoadTest.Hosting;

public enum ServerKind
{
    Live,
    SignalR,
}
