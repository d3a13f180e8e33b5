using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Live.Authentication;
using Live.Authorization;
using Live.Connections;
using Live.Dispatch;
using Live.Instances;
using Live.Metrics;
using Live.Protocol;
using Live.RateLimiting;
using Live.Registration;
using Live.Rooms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Live.Hosting;

/// <summary>
/// The server side of Live in one place: the registered components, the shared singleton instances, the open
/// connections, and shutdown. Transports (the ASP.NET Core WebSocket endpoint) hand it accepted sockets.
/// </summary>
internal sealed partial class LiveRuntime : IAsyncDisposable
{
    private readonly IServiceProvider rootServices;
    private readonly ConcurrentDictionary<string, ComponentInstance> singletons = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ConnectionSession, byte> sessions = new();
    private readonly Lock singletonGate = new();
    private readonly ConcurrentDictionary<ComponentDescriptor, Diffing.PatchBuilder> patchBuilders = new();
    private readonly ConcurrentDictionary<ComponentDescriptor, Diffing.TypedPatchBuilder?> typedPatchBuilders = new();
    private int shuttingDown;

    public LiveRuntime(IOptions<LiveOptions> options, IServiceProvider rootServices, ILoggerFactory loggerFactory, TimeProvider timeProvider, LiveMetrics? metrics = null, Signing.INonceStore? nonceStore = null)
    {
        Metrics = metrics ?? new LiveMetrics();
        Options = options.Value;
        this.rootServices = rootServices;
        LoggerFactory = loggerFactory;
        Logger = loggerFactory.CreateLogger("Live.Runtime");
        TimeProvider = timeProvider;
        Registry = new ComponentRegistry(ComponentCatalog.Snapshot().Concat(Options.Components));
        var roomDescriptors = RoomCatalog.Snapshot();
        SerializerOptions = BuildSerializerOptions(Options.SerializerOptions, Registry, roomDescriptors);
        Dispatcher = new MessageDispatcher(this);
        Rooms = new RoomManager(this, rootServices, roomDescriptors);
        Authorization = new AuthorizationGate(rootServices.GetService<ILiveAuthorizer>(), DetailedErrors, Logger);
        var signing = Options.Signing;
        Signing.SigningKeyRing keys;
        if (signing.Keys.Count == 0)
        {
            // Only reachable in Development (the options validator refuses a missing key anywhere else).
            Log.EphemeralSigningKey(Logger);
            keys = Live.Signing.SigningKeyReader.Ephemeral();
        }
        else
        {
            keys = Live.Signing.SigningKeyReader.Read(signing.Keys);
        }

        NonceStore = nonceStore ?? new Signing.MemoryNonceStore(timeProvider, signing.NonceStoreCapacity);
        Signer = new Signing.StateTokenSigner(keys, NonceStore, timeProvider, signing.MaxTokenAge);
        Retention = new Retention.InstanceRetention(Options.Retention);
        Metrics.ObserveRetained(() => Retention.KeptCount);
    }

    /// <summary>Signs and verifies state tokens.</summary>
    public Signing.StateTokenSigner Signer { get; }

    /// <summary>Where used token nonces are remembered.</summary>
    public Signing.INonceStore NonceStore { get; }

    /// <summary>The per-connection instances clients may resume.</summary>
    public Retention.InstanceRetention Retention { get; }

    public LiveOptions Options { get; }

    public ComponentRegistry Registry { get; }

    public JsonSerializerOptions SerializerOptions { get; }

    public ILogger Logger { get; }

    public ILoggerFactory LoggerFactory { get; }

    public TimeProvider TimeProvider { get; }

    public MessageDispatcher Dispatcher { get; }

    /// <summary>The rooms of this server.</summary>
    public RoomManager Rooms { get; }

    /// <summary>The open connections.</summary>
    public IEnumerable<ConnectionSession> Sessions => sessions.Keys;

    public LiveMetrics Metrics { get; }

    /// <summary>Checks <c>[Authorize]</c> requirements and write policies (see <c>docs/security.md</c>).</summary>
    public AuthorizationGate Authorization { get; }

    /// <summary>The <c>[RateLimit]</c> of actions, per connection or per user.</summary>
    public ActionRateLimiter ActionLimiter { get; } = new();

    public bool DetailedErrors => Options.DetailedErrors ?? false;

    public bool IsShuttingDown => Volatile.Read(ref shuttingDown) != 0;

    public int ConnectionCount => sessions.Count;

    public int SingletonCount => singletons.Count;

    /// <summary>Open connections per authenticated user, for <see cref="LiveLimits.MaxConnectionsPerUser"/>.</summary>
    public ConnectionsPerUser ConnectionsPerUser { get; } = new();

    /// <summary>
    /// Takes a connection slot for the user of <paramref name="identity"/> under <see cref="LiveLimits.MaxConnectionsPerUser"/>;
    /// <see langword="false"/> when the user is at the limit. Dispose the slot when the connection ends.
    /// </summary>
    public bool TryAcquireUserSlot(ConnectionIdentity identity, out IDisposable slot) =>
        ConnectionsPerUser.TryAcquire(UserKeys.Of(identity.User), Options.Limits.MaxConnectionsPerUser, out slot);

    /// <summary>Runs one accepted WebSocket until it closes. The socket must already speak <see cref="ProtocolVersion.V1"/>.</summary>
    /// <param name="socket">The accepted socket.</param>
    /// <param name="identity">Who the transport authenticated, when that expires, and how to re-validate a refresh.</param>
    /// <param name="connectionServices">The connection's service scope (the upgrade request's services).</param>
    /// <param name="userSlot">The user's slot under <see cref="LiveLimits.MaxConnectionsPerUser"/>, released when the connection ends.</param>
    /// <param name="connectionScope">The scope behind <paramref name="connectionServices"/> when the transport made one for the connection; disposed at its end (with the socket).</param>
    public async Task RunConnectionAsync(WebSocket socket, ConnectionIdentity identity, IServiceProvider connectionServices, IDisposable? userSlot = null, IAsyncDisposable? connectionScope = null)
    {
        // Not linked to the transport's abort token (a linked source registers on two others, for every connection):
        // the receive loop sees a dropped transport itself and cancels this when the session ends; shutdown cancels it
        // for sessions still running.
        using var cancellation = new CancellationTokenSource();
        var context = new LiveConnectionContext(InstanceIds.NewConnectionId(), identity.User, connectionServices, cancellation.Token);
        using var session = new ConnectionSession(socket, context, this, cancellation, identity);
        sessions.TryAdd(session, 0);
        Metrics.ConnectionOpened();
        try
        {
            if (IsShuttingDown)
            {
                await session.CloseAsync(CloseCodes.GoingAway, "The server is shutting down.").ConfigureAwait(false);
            }

            await session.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            userSlot?.Dispose();
            sessions.TryRemove(session, out _);
            Metrics.ConnectionClosed();
            socket.Dispose();
            if (connectionScope is not null)
            {
                await connectionScope.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Creates an instance of <paramref name="descriptor"/> with services from <paramref name="services"/>.</summary>
    public ComponentInstance CreateInstance(ComponentDescriptor descriptor, IServiceProvider services, IAsyncDisposable? ownedScope)
    {
        var component = descriptor.Factory(services);
        return new ComponentInstance(descriptor, component, this, ownedScope);
    }

    /// <summary>
    /// Creates an instance of a per-connection component with its own service scope from the root provider: it may
    /// outlive its connection (kept for a resume after a drop), and the instances of one connection run concurrently,
    /// so sharing the connection's scope (one DbContext for all of them) would be wrong twice.
    /// </summary>
    public ComponentInstance CreatePerConnectionInstance(ComponentDescriptor descriptor)
    {
        var scope = new LazyServiceScope(rootServices);
        try
        {
            return CreateInstance(descriptor, scope, scope);
        }
        catch
        {
            scope.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>Gets the shared instance of a singleton component, creating it on first use.</summary>
    public ComponentInstance GetOrCreateSingleton(ComponentDescriptor descriptor)
    {
        if (singletons.TryGetValue(descriptor.Name, out var existing) && !existing.IsDestroyed)
        {
            return existing;
        }

        lock (singletonGate)
        {
            if (singletons.TryGetValue(descriptor.Name, out existing) && !existing.IsDestroyed)
            {
                return existing;
            }

            // A singleton lives longer than any connection, so it gets its own scope from the root provider.
            var scope = rootServices.CreateAsyncScope();
            try
            {
                var instance = CreateInstance(descriptor, scope.ServiceProvider, scope);
                singletons[descriptor.Name] = instance;
                return instance;
            }
            catch
            {
                scope.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// The diff engine for a component: items keyed by <c>id</c>, plus the JSON names of its <c>[LiveKey]</c> members
    /// under the app's naming policy.
    /// </summary>
    public Diffing.PatchBuilder PatchBuilderFor(ComponentDescriptor descriptor) =>
        patchBuilders.GetOrAdd(descriptor, static (d, options) =>
        {
            if (d.KeyMemberNames.Count == 0)
            {
                return Diffing.PatchBuilder.Default;
            }

            var policy = options.PropertyNamingPolicy;
            var jsonNames = d.KeyMemberNames.Select(n => policy?.ConvertName(n) ?? n).Distinct(StringComparer.Ordinal);
            return new Diffing.PatchBuilder(Diffing.DiffOptions.Default.WithKeyMemberNames(jsonNames));
        }, SerializerOptions);

    /// <summary>
    /// The typed diff for a component whose state the generator found immutable, or null when the component must use
    /// the JSON diff: a mutable state, or serializer options under which a member's value alone does not decide whether
    /// it is written (ignore conditions, reference handling).
    /// </summary>
    public Diffing.TypedPatchBuilder? TypedPatchBuilderFor(ComponentDescriptor descriptor) =>
        typedPatchBuilders.GetOrAdd(descriptor, static (d, runtime) =>
        {
            var options = runtime.SerializerOptions;
            var typedSafe = d.ImmutableState
                && options.DefaultIgnoreCondition == System.Text.Json.Serialization.JsonIgnoreCondition.Never
                && !options.IgnoreReadOnlyProperties
                && !options.IgnoreReadOnlyFields
                && options.ReferenceHandler is null;
            return typedSafe ? new Diffing.TypedPatchBuilder(runtime.PatchBuilderFor(d)) : null;
        }, this);

    /// <summary>Called by an instance when it is destroyed.</summary>
    public void OnDestroyed(ComponentInstance instance)
    {
        if (instance.Descriptor.Singleton)
        {
            singletons.TryRemove(new KeyValuePair<string, ComponentInstance>(instance.Descriptor.Name, instance));
        }
        else
        {
            Retention.Unregister(instance);
        }
    }

    /// <summary>Builds the error for a failure, with exception details only when detailed errors are on.</summary>
    public ProtocolError Failure(string code, string summary, Exception exception) =>
        new(code, DetailedErrors ? $"{summary}: {exception.GetType().Name}: {exception.Message}" : $"{summary}.");

    /// <summary>Counts a patch sent to <paramref name="receivers"/> connections (metrics hook).</summary>
    public void CountPatch(int bytes, int receivers) => Metrics.PatchSent(bytes, receivers);

    /// <summary>
    /// Closes every connection with "going away", runs the disconnect and destroy hooks of every instance, and
    /// refuses new connections. Idempotent.
    /// </summary>
    public async Task ShutdownAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref shuttingDown, 1) != 0)
        {
            return;
        }

        Log.ShuttingDown(Logger, sessions.Count);
        var closing = sessions.Keys.Select(s => s.CloseAsync(CloseCodes.GoingAway, "The server is shutting down.")).ToArray();
        try
        {
            await Task.WhenAll(closing).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Out of time: the transport aborts what is left.
        }

        foreach (var instance in singletons.Values)
        {
            await instance.DestroyAsync().ConfigureAwait(false);
        }

        // Instances kept for a resume will not be resumed on this server any more.
        foreach (var instance in Retention.Snapshot())
        {
            await instance.ReleaseRetainedAsync(DisconnectReason.ServerShutdown).ConfigureAwait(false);
        }

        await Rooms.ShutdownAsync().ConfigureAwait(false);

        foreach (var session in sessions.Keys)
        {
            session.CancelConnection(); // what is left after the close attempts: their actions see ConnectionAborted
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync().ConfigureAwait(false);
        ActionLimiter.Dispose();
    }


    private static JsonSerializerOptions BuildSerializerOptions(JsonSerializerOptions configured, ComponentRegistry registry, IReadOnlyList<RoomDescriptor> rooms)
    {
        var options = new JsonSerializerOptions(configured);
        var resolvers = registry.All
            .Select(d => d.TypeInfoResolver)
            .Concat(rooms.Select(r => r.TypeInfoResolver))
            .Concat(EventCatalog.TypeInfoResolvers())
            .OfType<IJsonTypeInfoResolver>()
            .Distinct()
            .ToList();
        // Generated metadata only: an app that wants more (its own JsonSerializerContext, or reflection) sets
        // SerializerOptions.TypeInfoResolver and it joins the chain after the components' resolvers.
        if (configured.TypeInfoResolver is { } appResolver)
        {
            resolvers.Add(appResolver);
        }

        resolvers.Add(Serialization.PrimitiveJsonContext.Default);
        options.TypeInfoResolver = JsonTypeInfoResolver.Combine([.. resolvers]);
        options.MakeReadOnly();
        return options;
    }

    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Information, "Live is shutting down: closing {Count} connections")]
        public static partial void ShuttingDown(ILogger logger, int count);

        [LoggerMessage(11, LogLevel.Warning, "No state-signing key is configured (Live:Signing:Keys): using an ephemeral key for this Development process. " +
            "Tokens stop verifying when it restarts, so reconnects after a restart mount afresh. Outside Development a key is required.")]
        public static partial void EphemeralSigningKey(ILogger logger);
    }
}
