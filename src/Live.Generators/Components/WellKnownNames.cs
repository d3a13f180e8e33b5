namespace Live.Generators.Components;

/// <summary>Metadata names of the Live.Core types the generator recognizes.</summary>
internal static class WellKnownNames
{
    public const string LiveComponentAttribute = "Live.LiveComponentAttribute";
    public const string PublicActionAttribute = "Live.PublicActionAttribute";
    public const string LiveComponentOfT = "Live.LiveComponent`1";
    public const string LiveComponentBase = "Live.LiveComponentBase";
    public const string LiveKeyAttribute = "Live.LiveKeyAttribute";
    public const string LiveRoomAttribute = "Live.LiveRoomAttribute";
    public const string LiveEventAttribute = "Live.LiveEventAttribute";
    public const string LiveRoomOfT = "Live.Rooms.LiveRoom`1";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string Task = "System.Threading.Tasks.Task";
    public const string TaskOfT = "System.Threading.Tasks.Task`1";
    public const string ValueTask = "System.Threading.Tasks.ValueTask";
    public const string ValueTaskOfT = "System.Threading.Tasks.ValueTask`1";
    public const string AsyncEnumerableOfT = "System.Collections.Generic.IAsyncEnumerable`1";
    public const string SystemType = "System.Type";
    public const string RateLimitAttribute = "Live.RateLimitAttribute";

    // Matched by metadata name: Live.Core has no ASP.NET Core reference; apps get these from Microsoft.AspNetCore.App.
    public const string AuthorizeAttribute = "Microsoft.AspNetCore.Authorization.AuthorizeAttribute";
    public const string AllowAnonymousAttribute = "Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute";
    public const string AuthorizeDataInterface = "Microsoft.AspNetCore.Authorization.IAuthorizeData";
    public const string AllowAnonymousInterface = "Microsoft.AspNetCore.Authorization.IAllowAnonymous";
}
