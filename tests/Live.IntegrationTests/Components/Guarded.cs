using Microsoft.AspNetCore.Authorization;

namespace Live.IntegrationTests.Components;

public sealed record VaultState
{
    public int Balance { get; init; }
}

/// <summary>Class-level [Authorize] (any signed-in user) plus an admin-only action.</summary>
[LiveComponent, Authorize]
public sealed partial class Vault : LiveComponent<VaultState>
{
    [PublicAction]
    public void Deposit(int amount) => Balance += amount;

    [PublicAction, Authorize(Roles = "admin")]
    public void Reset() => Balance = 0;

    [PublicAction, Authorize(Roles = "admin"), Authorize(Roles = "auditor")]
    public int Audit() => Balance;
}

public sealed record SafeState
{
    public bool Locked { get; init; }

    public int Count { get; init; }
}

/// <summary>A class-level policy over the instance's own state, and an [AllowAnonymous] action that bypasses it.</summary>
[LiveComponent, Authorize(Policy = "unlocked")]
public sealed partial class Safe : LiveComponent<SafeState>
{
    public bool IsLocked => Locked;

    [PublicAction]
    public void Lock() => Locked = true;

    [PublicAction]
    public void Add(int amount) => Count += amount;

    [PublicAction, AllowAnonymous]
    public void Unlock() => Locked = false;
}

public sealed record NoticeBoardState
{
    public IReadOnlyList<string> Notices { get; init; } = [];
}

/// <summary>Everyone may mount and watch; only editors may post (others are read-only).</summary>
[LiveComponent(Singleton = true, WritePolicy = "editors")]
public sealed partial class NoticeBoard : LiveComponent<NoticeBoardState>
{
    [PublicAction]
    public void Post(string text) => Notices = [.. Notices, text];

    [PublicAction, AllowAnonymous]
    public int Count() => Notices.Count;
}

public sealed record ThrottledState
{
    public int Pings { get; init; }

    public int Shouts { get; init; }
}

[LiveComponent]
public sealed partial class Throttled : LiveComponent<ThrottledState>
{
    [PublicAction, RateLimit(2, 60)]
    public void Ping() => Pings++;

    [PublicAction, RateLimit(2, 60, PerUser = true)]
    public void Shout() => Shouts++;

    [PublicAction]
    public void Free() => Pings++;

    [PublicAction, RateLimit(1, 1)]
    public void Tick() => Pings++;
}

public sealed record EditorDeskState
{
    public string Text { get; init; } = "";
}

/// <summary>Only editors may mount it: a role that can be taken away while a connection is away.</summary>
[LiveComponent, Authorize(Roles = "editor")]
public sealed partial class EditorDesk : LiveComponent<EditorDeskState>
{
    [PublicAction]
    public void Write(string text) => Text = text;
}
