using System.Net.WebSockets;
using Live.Protocol;

namespace Live.Connections;

/// <summary>The end of a session: choosing the close frame, closing within <c>CloseTimeout</c>, the idle timeout.</summary>
internal sealed partial class ConnectionSession
{
    /// <summary>Fires <c>ConnectionAborted</c> now (the session also does it itself when the connection ends).</summary>
    public void CancelConnection()
    {
        try
        {
            connectionCancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The session ended meanwhile and cancelled it already.
        }
    }

    private (int Code, string Reason)? ChosenCloseFrame()
    {
        lock (gate)
        {
            return closeFrame;
        }
    }

    /// <summary>The close code the server chose, once it decided to close.</summary>
    public int? CloseCode => ChosenCloseFrame()?.Code;

    /// <summary>
    /// Closes the connection with <paramref name="code"/> and <paramref name="reason"/> after the frames already
    /// queued (or at once, dropping them, with <paramref name="dropPending"/>). The first close wins.
    /// </summary>
    public Task CloseAsync(int code, string reason, bool dropPending = false)
    {
        TaskCompletionSource done;
        lock (gate)
        {
            done = closed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (closeFrame is not null)
            {
                return done.Task;
            }

            closeFrame = (code, reason);
        }

        sendQueue.Complete(dropPending);
        _ = FinishCloseAsync(done);
        return done.Task;
    }

    private async Task FinishCloseAsync(TaskCompletionSource done)
    {
        try
        {
            // Give the send loop (and so the close frame) a bounded time; a client that reads nothing gets aborted.
            using var timeout = new CancellationTokenSource(runtime.Options.CloseTimeout, runtime.TimeProvider);
            try
            {
                await sendQueue.Completion.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await sendCancellation.CancelAsync().ConfigureAwait(false);
                socket.Abort();
                return;
            }

            // Wait for the client's close frame (which ends the receive loop), but not forever.
            try
            {
                Task? ended;
                lock (gate)
                {
                    ended = receiveDone ? null : (receiveEnded ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
                }

                if (ended is not null)
                {
                    await ended.WaitAsync(runtime.Options.CloseTimeout, runtime.TimeProvider).ConfigureAwait(false);
                }
            }
            catch (TimeoutException)
            {
                socket.Abort();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
            socket.Abort();
        }
        finally
        {
            done.TrySetResult();
        }
    }

    /// <summary>Notes that a frame arrived: the idle timeout counts from here (checked when the timer fires).</summary>
    private void OnFrameReceived() => Volatile.Write(ref lastFrameAt, runtime.TimeProvider.GetTimestamp());

    private void OnIdle()
    {
        // Frames arrived since the timer was set: wait out the rest of the timeout from the last one. (Moving the
        // timer on every frame took the timer queue's lock once per request.)
        var quiet = runtime.TimeProvider.GetElapsedTime(Volatile.Read(ref lastFrameAt));
        if (quiet < runtime.Options.ClientTimeout)
        {
            try
            {
                idleTimer?.Change(runtime.Options.ClientTimeout - quiet, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // The session ended meanwhile.
            }

            return;
        }

        Log.IdleTimeout(runtime.Logger, Context.ConnectionId, runtime.Options.ClientTimeout);
        _ = CloseAsync(CloseCodes.IdleTimeout, $"Idle: no message received for {runtime.Options.ClientTimeout.TotalSeconds:0} s.");
    }
}
