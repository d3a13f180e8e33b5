using System.Text.Json;

namespace Live.Client.Protocol;

/// <summary>A request waiting for the server's answer with the same <c>id</c>.</summary>
/// <param name="owner">The connection whose pending table holds it (its timeout and cancellation remove it there).</param>
/// <param name="id">The request id.</param>
/// <param name="description">Names the request in exceptions, e.g. <c>action 'add' on 'c_1' (request 2)</c>.</param>
/// <param name="expectedType">The answer type that means success; <see langword="null"/> for raw requests (any answer).</param>
/// <param name="onAnswer">
/// Runs on the receive loop before the request completes, so an answer's effect (a new handle, a replaced state) is in
/// place before any later message is dispatched. It may throw to fail the request.
/// </param>
internal sealed class PendingRequest(LiveConnection owner, string id, RequestDescription description, string? expectedType, Action<JsonElement>? onAnswer)
    : TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public LiveConnection Owner { get; } = owner;

    public string Id { get; } = id;

    /// <summary>The request's name for exception messages, formatted only when one is needed.</summary>
    public string Description => description.Format(Id);

    public string? ExpectedType { get; } = expectedType;

    public Action<JsonElement>? OnAnswer { get; } = onAnswer;

    public bool IsRaw => ExpectedType is null;
}
