using System.Text.Json;
using Live.Connections;
using Live.Metrics;
using Live.Protocol;
using Live.Registration;
using Microsoft.Extensions.Logging;

namespace Live.Instances;

/// <summary>
/// Running an action on the instance's queue: authorization, rate limits, the action filter, the action itself, then
/// the diff and the answer (the change in the caller's result, or a patch to every holder before a plain result).
/// </summary>
internal sealed partial class ComponentInstance
{
    /// <summary>Runs one action for <paramref name="sink"/> and answers it (after the patch it caused, if any).</summary>
    public Task RunActionAsync(IConnectionSink sink, string requestId, ActionDescriptor action, JsonElement args, CancellationToken cancellationToken) => queue.Enqueue(async () =>
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (IsDestroyed || !attached.Contains(sink))
        {
            sink.TrySend(ServerMessages.Error(requestId, InstanceNotFound(Id)));
            host.Metrics.ActionCompleted(Descriptor.Name, action.Name, ActionOutcomes.InstanceNotFound, started);
            return;
        }

        if (await host.Authorization.AuthorizeActionAsync(sink.Context, Descriptor, action, Component).ConfigureAwait(false) is { } denied)
        {
            sink.TrySend(ServerMessages.Error(requestId, denied));
            host.Metrics.ActionCompleted(Descriptor.Name, action.Name, denied.Code, started);
            return;
        }

        var outcome = ActionOutcomes.Failed;

        Component.CurrentConnection = sink.Context;
        var before = Component.CaptureState();
        try
        {
            var filter = new ActionExecutingContext(action.Name, sink.Context, args);
            await Component.RunActionExecutingAsync(filter).ConfigureAwait(false);
            if (filter.IsCanceled)
            {
                Rollback(before);
                outcome = ActionOutcomes.Canceled;
                sink.TrySend(ServerMessages.Error(requestId, new ProtocolError(ErrorCodes.ActionCanceled, filter.CancelReason!)));
                return;
            }

            var result = await action.Invoker(Component, new ActionArguments(args, host.SerializerOptions), cancellationToken).ConfigureAwait(false);

            // When the caller is the only connection holding the instance, its state change rides in the result:
            // one frame (and one socket write) per round trip instead of a patch and a result.
            var change = await FlushOnQueueAsync(action.Name, carrier: sink).ConfigureAwait(false);

            byte[] answer;
            outcome = ActionOutcomes.Ok;
            try
            {
                answer = result.HasValue
                    ? ServerMessages.Result(requestId, change, result.Value, result.Type!, host.SerializerOptions)
                    : ServerMessages.Result(requestId, change);
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
            {
                Log.ResultNotSerializable(host.Logger, ex, Descriptor.Name, action.Name);
                outcome = ActionOutcomes.InternalError;

                // The state did change: the client still gets it, as a patch ahead of the error.
                if (change is { } carried)
                {
                    sink.TrySend(PatchFrame(carried));
                }

                answer = ServerMessages.Error(requestId, host.Failure(ErrorCodes.InternalError, $"The result of '{action.Name}' could not be serialized", ex));
            }

            // A change that rode in the result still gets its state token, after the result (as after a patch).
            var tokenFollows = change is not null && !Descriptor.Singleton;
            if (tokenFollows && TokenDueNow())
            {
                // The token goes right behind the answer: both are queued and leave together, as they always did.
                sink.TrySend(answer);
            }
            else
            {
                // Written on this thread when the connection's queue is idle: the usual case for a closed-loop client
                // (tokens are throttled, so most answers have none right behind them).
                sink.TrySendAnswer(answer);
            }

            if (tokenFollows)
            {
                ScheduleToken();
            }
        }
        catch (Rooms.LiveRoomException ex)
        {
            // A refused room operation says what was wrong in words meant for the client.
            Rollback(before);
            outcome = ActionOutcomes.Failed;
            sink.TrySend(ServerMessages.Error(requestId, new ProtocolError(ex.Code, ex.Message)));
        }
        catch (ActionArgumentException ex)
        {
            Rollback(before);
            outcome = ActionOutcomes.InvalidArgs;
            sink.TrySend(ServerMessages.Error(requestId, new ProtocolError(ErrorCodes.InvalidArgs, ex.Message, ex.ArgumentName)));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller went away (or the server is stopping): not a failure of the action.
            Rollback(before);
            Log.ActionCanceled(host.Logger, Descriptor.Name, action.Name, Id);
            sink.TrySend(ServerMessages.Error(requestId, new ProtocolError(ErrorCodes.ActionFailed, $"The action '{action.Name}' was canceled because the connection is closing.")));
        }
        catch (Exception ex)
        {
            // An action that throws changes nothing: state records are immutable, so restoring the reference undoes it.
            Rollback(before);
            Log.ActionFailed(host.Logger, ex, Descriptor.Name, action.Name, Id);
            sink.TrySend(ServerMessages.Error(requestId, host.Failure(ErrorCodes.ActionFailed, $"The action '{action.Name}' failed", ex)));
        }
        finally
        {
            host.Metrics.ActionCompleted(Descriptor.Name, action.Name, outcome, started);
            if (Descriptor.Singleton)
            {
                Component.CurrentConnection = null;
            }
        }
    });

    private void Rollback(object before)
    {
        Component.RestoreState(before);
    }
}
