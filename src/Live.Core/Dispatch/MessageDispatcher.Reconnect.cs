using Live.Connections;
using Live.Instances;
using Live.Protocol;
using Live.Signing;

namespace Live.Dispatch;

/// <summary>The reconnect messages: <c>rehydrate</c> (a signed state token) and <c>resume</c> (a kept instance).</summary>
internal sealed partial class MessageDispatcher
{
    private async Task RehydrateAsync(ConnectionSession session, ClientMessage message)
    {
        var id = message.Id!;
        if (!runtime.Registry.TryGet(message.Component!, out var descriptor))
        {
            Refuse(ErrorCodes.UnknownComponent, UnknownComponent(message.Component!));
            return;
        }

        if (descriptor.Singleton)
        {
            Refuse(ErrorCodes.NotRehydratable, new ProtocolError(ErrorCodes.NotRehydratable,
                $"'{descriptor.Name}' is a singleton: its state lives on the server, so mount it instead."));
            return;
        }

        var (status, token) = await runtime.Signer.VerifyAsync(message.Token!, descriptor.Name, session.Context.ConnectionAborted).ConfigureAwait(false);
        if (status != TokenVerificationStatus.Valid)
        {
            var error = Refusal(status);
            Refuse(error.Code, error);
            return;
        }

        runtime.Metrics.Rehydrated("ok");
        await MountDescriptorAsync(session, id, descriptor, message.Props, token).ConfigureAwait(false);

        void Refuse(string outcome, ProtocolError error)
        {
            runtime.Metrics.Rehydrated(outcome);
            session.TrySend(ServerMessages.Error(id, error));
        }
    }

    private async Task ResumeAsync(ConnectionSession session, ClientMessage message)
    {
        var id = message.Id!;

        // One answer for every refusal, so a client cannot tell an unknown instance from a wrong secret or user.
        var refused = new ProtocolError(ErrorCodes.ResumeFailed,
            "The instance cannot be resumed (it is no longer kept, or the secret or user does not match); rehydrate or mount it again.");
        if (!runtime.Retention.TryFind(message.Instance!, out var instance) || session.TryGetMounted(instance.Id, out _))
        {
            runtime.Metrics.Resumed("failed");
            session.TrySend(ServerMessages.Error(id, refused));
            return;
        }

        if (!session.TryReserveMount())
        {
            session.TrySend(ServerMessages.Error(id, new ProtocolError(
                ErrorCodes.TooManyComponents,
                $"This connection has mounted the maximum of {runtime.Options.Limits.MaxComponentsPerConnection} components; unmount one first.")));
            return;
        }

        if (!session.TryAddMounted(instance))
        {
            return;
        }

        var outcome = await instance.ResumeAsync(session, id, message.Resume!, message.Version).ConfigureAwait(false);
        if (outcome != ResumeOutcome.Resumed)
        {
            session.TryRemoveMounted(instance.Id, out _);
            runtime.Metrics.Resumed(outcome == ResumeOutcome.Denied ? "denied" : "failed");
            if (outcome == ResumeOutcome.Refused)
            {
                session.TrySend(ServerMessages.Error(id, refused));
            }
        }
    }

    private static ProtocolError Refusal(TokenVerificationStatus status) => status switch
    {
        TokenVerificationStatus.Malformed => new(ErrorCodes.TokenMalformed, "The token is not a well-formed state token."),
        TokenVerificationStatus.UnknownKey => new(ErrorCodes.TokenUnknownKey, "The token was signed with a key this server does not have (it may have been retired)."),
        TokenVerificationStatus.InvalidSignature => new(ErrorCodes.TokenInvalidSignature, "The token's signature does not match its content."),
        TokenVerificationStatus.WrongComponent => new(ErrorCodes.TokenComponentMismatch, "The token was issued for another component."),
        TokenVerificationStatus.Expired => new(ErrorCodes.TokenExpired, "The token is older than the maximum token age."),
        TokenVerificationStatus.Replayed => new(ErrorCodes.TokenReplayed, "The token has been used before; each token rehydrates once."),
        _ => new(ErrorCodes.InternalError, "The token could not be verified."),
    };
}
