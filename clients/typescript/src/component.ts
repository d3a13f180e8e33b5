import type { ActionSignatures, BoundActions, ComponentBinding, DefaultEvents, RoomBinding, RoomEventOf } from "./bindings.js";
import type { RoomHandle } from "./room.js";
import type { LiveLogger } from "./connection.js";
import { RestoreCredentials } from "./credentials.js";
import { LiveClosedError, LiveError } from "./errors.js";
import { emit } from "./listeners.js";
import { applyPatch } from "./patch.js";
import type { AnswerTypes, ClientRequest, PatchMessage, ResultMessage, ResumedMessage, TokenMessage } from "./protocol.js";
import type { ComponentSnapshot } from "./reconnect.js";
import { replay, type RestoreEvent, type RestoreKind } from "./restore.js";

/**
 * What a {@link ComponentHandle} needs from the client that owns it.
 * @internal
 */
export interface ComponentHost {
  readonly logger: LiveLogger;
  /**
   * Sends once the client is open, waiting through a reconnect; `build` runs right before sending, `onAnswer`
   * synchronously when the answer arrives (before any later message).
   */
  requestWhenOpen<T extends keyof AnswerTypes>(
    build: () => ClientRequest & { type: T },
    onAnswer?: (answer: AnswerTypes[T]) => void,
  ): Promise<AnswerTypes[T]>;
  /** Sends on the current connection; rejects with `LiveClosedError` when there is none. */
  requestNow<T extends keyof AnswerTypes>(
    message: ClientRequest & { type: T },
    onAnswer?: (answer: AnswerTypes[T]) => void,
  ): Promise<AnswerTypes[T]>;
  /** Forgets the component: it is no longer routed patches nor re-mounted. */
  release(component: ComponentHandle<object, {}>): void;
  /** Asks the server to put the component in a room (only rooms that allow client joins accept). */
  joinRoom(component: ComponentHandle<object, {}>, room: string, metadata: object | undefined): Promise<RoomHandle<object, DefaultEvents>>;
  /** Sets this connection's presence status in a room; resolves with the user's resulting status. */
  setRoomStatus(room: string, status: "online" | "away"): Promise<"online" | "away">;
  /** Asks the server to take the component out of a room. */
  leaveRoom(component: ComponentHandle<object, {}>, room: string): Promise<void>;
  /** Whether tokens are kept at all (`tokenStorage` is not `"none"`). */
  readonly keepsTokens: boolean;
  /** The component's newest token changed (`undefined`: it has none any more); persists or removes it. */
  tokenChanged(component: { readonly component: string; readonly props: object | undefined }, token: string | undefined, version: number): void;
}

/** Called after a reconnect brought the component back, with how (see {@link RestoreKind}). */
export type RestoreListener = (kind: RestoreKind, event: RestoreEvent) => void;


/** Called with the new state after every change (patch, resync or re-mount). */
export type ChangeListener<TState> = (state: Readonly<TState>) => void;

/**
 * A mounted component: its state (kept current from the server's patches), its typed actions, and `unmount`.
 *
 * State is immutable: each change produces a new state object (and new objects along each changed path,
 * unchanged subtrees shared), so `previous !== next` comparisons work in any UI framework. Do not mutate it.
 */
export class ComponentHandle<TState extends object, TActions extends ActionSignatures<TActions>> {
  /** The component's registered name. */
  readonly component: string;
  /** The props it was mounted with; sent again when it is re-mounted after a reconnect. */
  readonly props: object | undefined;
  /** One function per public action; each resolves with the action's result once the state includes its change. */
  readonly actions: BoundActions<TActions>;

  private currentState: Readonly<TState>;
  private currentVersion: number;
  private currentInstance: string;
  private currentRestoredBy: RestoreKind;
  private currentReadOnly: boolean;
  private readonly credentials: RestoreCredentials;
  private readonly changeListeners = new Set<ChangeListener<TState>>();
  private readonly errorListeners = new Set<(error: Error) => void>();
  private readonly roomEventListeners = new Set<(event: RoomEventOf<DefaultEvents>) => void>();
  private readonly restoreListeners = new Set<RestoreListener>();
  private released = false;
  /** Set while a `resume` is in flight: patches (the replay) are held until its answer. */
  private holding = false;
  /** Bumped whenever the state is replaced wholesale, so a stale resync answer is ignored. */
  private epoch = 0;
  private resyncing: Promise<void> | undefined;
  private buffered: PatchMessage[] = [];

  /** @internal Created by `LiveClient.mount`. */
  constructor(
    private readonly host: ComponentHost,
    binding: ComponentBinding<TState, TActions, object>,
    props: object | undefined,
    snapshot: ComponentSnapshot & { readonly [member: string]: unknown },
    restoredBy: RestoreKind,
  ) {
    this.component = binding.component;
    this.props = props;
    this.currentInstance = snapshot.instance;
    this.currentVersion = snapshot.version;
    this.currentState = snapshot.state as Readonly<TState>;
    this.currentRestoredBy = restoredBy;
    this.currentReadOnly = snapshot.readOnly === true;
    this.credentials = new RestoreCredentials(host.keepsTokens, host.logger, (token, version) => host.tokenChanged(this, token, version));
    this.credentials.take(snapshot, snapshot.version, false);
    const actions: Record<string, (args?: object) => Promise<unknown>> = {};
    for (const name of binding.actionNames) actions[name] = (args) => this.call(name, args);
    this.actions = Object.freeze(actions) as unknown as BoundActions<TActions>;
  }

  /** The current state. A new object after every change; never mutate it. */
  get state(): Readonly<TState> {
    return this.currentState;
  }

  /** The version of {@link state}; the next patch carries `version + 1`. */
  get version(): number {
    return this.currentVersion;
  }

  /** The server's instance id; changes when the component is re-mounted after a reconnect. */
  get instance(): string {
    return this.currentInstance;
  }

  /**
   * How the current instance came about: `"mounted"` (a fresh mount), `"rehydrated"` (a new instance created from
   * the signed state token the client kept — after a reload or a server restart) or `"resumed"` (the server's live
   * instance re-attached after a drop).
   */
  get restoredBy(): RestoreKind {
    return this.currentRestoredBy;
  }

  /**
   * True when the server said, at mount, that this connection fails the component's write policy: it receives the
   * state, but its actions will be refused with `read_only`. A hint for the UI (disable the controls); the server
   * checks every action anyway.
   */
  get readOnly(): boolean {
    return this.currentReadOnly;
  }

  /** False after `unmount()`, or after a reconnect could not bring the component back. */
  get isMounted(): boolean {
    return !this.released;
  }

  /** Subscribes to state changes; returns the unsubscribe function. */
  onChange(listener: ChangeListener<TState>): () => void {
    this.changeListeners.add(listener);
    return () => void this.changeListeners.delete(listener);
  }

  /**
   * Subscribes to errors that no promise reports: a failed resync, or a re-mount the server refused after a
   * reconnect (the handle is then no longer mounted). Returns the unsubscribe function.
   */
  onError(listener: (error: Error) => void): () => void {
    this.errorListeners.add(listener);
    return () => void this.errorListeners.delete(listener);
  }

  /**
   * Subscribes to the events of every room this component is in (put there by server code or by `joinRoom`).
   * Pass the generated `LiveEvents` map as `TEvents` to get `event`/`data` typed. Returns the unsubscribe function.
   */
  onRoomEvent<TEvents = DefaultEvents>(listener: (event: RoomEventOf<TEvents>) => void): () => void {
    const wrapped = listener as unknown as (event: RoomEventOf<DefaultEvents>) => void;
    this.roomEventListeners.add(wrapped);
    return () => void this.roomEventListeners.delete(wrapped);
  }

  /**
   * Asks the server to put this component in a room the client may join (`join`); resolves with the room once joined.
   * Rejects with `LiveError` (`room_join_forbidden`, `room_full`, `invalid_room_name`, `room_join_rejected`…).
   */
  async joinRoom<TRoomState extends object = { readonly [name: string]: unknown }, TEvents = DefaultEvents>(
    room: string | RoomBinding<TRoomState, TEvents>,
    options: { readonly key?: string; readonly metadata?: object } = {},
  ): Promise<RoomHandle<TRoomState, TEvents>> {
    const name = typeof room === "string" ? room : room.name(options.key);
    const joined = await this.host.joinRoom(this as unknown as ComponentHandle<object, {}>, name, options.metadata);
    return joined as unknown as RoomHandle<TRoomState, TEvents>;
  }

  /** Asks the server to take this component out of a room; rejects with `LiveError` `room_not_joined` when it is not in it. */
  leaveRoom(room: string | RoomBinding<object, unknown>, key?: string): Promise<void> {
    return this.host.leaveRoom(this as unknown as ComponentHandle<object, {}>, typeof room === "string" ? room : room.name(key));
  }

  /** @internal An event of a room this component is in. */
  receiveRoomEvent(event: RoomEventOf<DefaultEvents>): void {
    for (const listener of [...this.roomEventListeners]) {
      try {
        listener(event);
      } catch (error) {
        this.host.logger.error?.("live: an onRoomEvent listener threw.", error);
      }
    }
  }

  /**
   * Subscribes to the outcome of each reconnect for this component: `"resumed"`, `"rehydrated"` or `"mounted"`,
   * with the attempts that failed first. The handle itself stays the same (listeners and actions keep working).
   * Returns the unsubscribe function.
   */
  onRestore(listener: RestoreListener): () => void {
    this.restoreListeners.add(listener);
    return () => void this.restoreListeners.delete(listener);
  }

  /** Unmounts the component on the server (when connected) and stops tracking it. Idempotent. */
  async unmount(): Promise<void> {
    if (this.released) return;
    this.released = true;
    this.epoch++;
    this.host.release(this as unknown as ComponentHandle<object, {}>);
    this.credentials.clear();
    try {
      await this.host.requestNow({ type: "unmount", instance: this.currentInstance });
    } catch (error) {
      // Gone already (closed connection, or the server no longer has it): that is what unmount wants.
      if (error instanceof LiveClosedError || (error instanceof LiveError && error.code === "instance_not_found")) return;
      throw error;
    }
  }

  /** @internal The newest signed state token, if the server sent one and tokens are kept. */
  get token(): string | undefined {
    return this.credentials.token;
  }

  /** @internal The secret that resumes the current instance (memory only). */
  get resumeSecret(): string | undefined {
    return this.credentials.resumeSecret;
  }

  /** @internal Replaces instance, version, state and credentials from a mount, rehydrate or resync answer. */
  attach(snapshot: ComponentSnapshot & { readonly [member: string]: unknown }, restoredBy: RestoreKind): void {
    this.epoch++;
    this.resyncing = undefined;
    this.holding = false;
    this.buffered = [];
    this.currentInstance = snapshot.instance;
    this.currentRestoredBy = restoredBy;
    this.currentReadOnly = snapshot.readOnly === true;
    this.credentials.take(snapshot, snapshot.version, false);
    this.replaceState(snapshot);
  }

  /** @internal A `token` message for this instance: kept when it is newer than the one held. */
  receiveToken(message: TokenMessage): void {
    if (!this.released) this.credentials.receive(message);
  }

  /** @internal A `resume` is about to be sent: hold the patches the server replays until its answer. */
  holdPatches(): void {
    this.epoch++;
    this.resyncing = undefined;
    this.holding = true;
    this.buffered = [];
  }

  /** @internal The `resume` failed: drop what was held; the state is untouched. */
  releaseHeld(): void {
    this.holding = false;
    this.buffered = [];
  }

  /**
   * @internal Completes a resume from its `resumed` answer: a full `state` replaces the copy; otherwise the held
   * patches must lead, without a gap, from the client's version to the answer's. When they do not, it returns false
   * with the state untouched and patches still held; the caller fetches the state and calls {@link resyncedTo}.
   */
  completeResume(answer: ResumedMessage): boolean {
    const held = this.buffered.sort((a, b) => a.version - b.version);
    this.adoptResumed(answer);
    if ("state" in answer) {
      this.holding = false;
      this.replaceState({ version: answer.version, state: answer.state });
      this.drainBuffer();
      return true;
    }
    const replayed = replay(this.currentState, this.currentVersion, held, answer.version, (error) =>
      this.host.logger.warn?.(`live: ${this.component} ${this.currentInstance}: a replayed patch did not apply.`, error),
    );
    if (replayed === undefined) return false;
    this.holding = false;
    this.currentVersion = answer.version;
    if (replayed !== this.currentState) this.setState(replayed);
    this.drainBuffer();
    return true;
  }

  /** @internal The full state after a resume whose replay had a gap; held patches past it are applied. */
  resyncedTo(snapshot: ComponentSnapshot): void {
    this.holding = false;
    this.replaceState(snapshot);
    this.drainBuffer();
  }

  /** @internal Tells the restore listeners how a reconnect brought the component back. */
  emitRestore(event: RestoreEvent): void {
    emit(this.restoreListeners, this.host.logger, "an onRestore listener", event.kind, event);
  }

  /**
   * @internal The component could not be brought back, or the client closed: it stays readable but is no longer
   * mounted. `error` (when given) goes to the error listeners.
   */
  detach(error?: Error): void {
    if (this.released) return;
    this.released = true;
    this.epoch++;
    this.host.release(this as unknown as ComponentHandle<object, {}>);
    if (error !== undefined) this.emitError(error);
  }

  /** @internal Applies a `patch` for this instance, or starts a resync when its version does not follow. */
  receivePatch(message: PatchMessage): void {
    if (this.released) return;
    if (this.resyncing !== undefined || this.holding) {
      this.buffered.push(message);
      return;
    }
    if (message.version !== this.currentVersion + 1) {
      this.host.logger.warn?.(
        `live: ${this.component} ${this.currentInstance} got patch version ${message.version} while at ${this.currentVersion}; resyncing.`,
      );
      this.buffered.push(message);
      this.startResync();
      return;
    }
    let next: Readonly<TState>;
    try {
      next = applyPatch(this.currentState, message.ops);
    } catch (error) {
      // Our copy differs from the server's; only a full state can fix that.
      this.host.logger.warn?.(`live: ${this.component} ${this.currentInstance} could not apply patch ${message.version}; resyncing.`, error);
      this.startResync();
      return;
    }
    this.currentVersion = message.version;
    this.setState(next);
  }

  private async call(action: string, args: object | undefined): Promise<unknown> {
    let instance = this.currentInstance;
    const answer = await this.host.requestWhenOpen(
      () => {
        if (this.released) throw new LiveError("not_mounted", `${this.component} is not mounted.`);
        instance = this.currentInstance;
        return args === undefined ? { type: "action", instance, action } : { type: "action", instance, action, args };
      },
      (result) => this.receiveResult(result, instance),
    );
    // The action's change came in the result or in a patch before it; if that started a resync, the state
    // includes the change only once the resync is done.
    while (this.resyncing !== undefined) await this.resyncing;
    return answer.value;
  }

  /**
   * Applies the state change a `result` carries (its `ops`). Their version is implied: one more than the version
   * held, since the server puts ops in a result only when this connection is the instance's only one (every earlier
   * change came before it on this socket). While a resync is pending the ops are dropped: the `state` answer was
   * produced after them and includes them.
   */
  private receiveResult(result: ResultMessage, instance: string): void {
    if (result.ops === undefined || this.released || instance !== this.currentInstance) return;
    if (this.resyncing !== undefined) return;
    if (!Array.isArray(result.ops)) {
      // A change we cannot read: only the full state can tell what it was.
      this.host.logger.warn?.(`live: ${this.component} ${instance} got a malformed result change; resyncing.`);
      this.startResync();
      return;
    }
    this.receivePatch({ type: "patch", instance, version: this.currentVersion + 1, ops: result.ops });
  }

  private startResync(): void {
    const epoch = this.epoch;
    // The answer is applied synchronously on arrival, so patches right behind it are not buffered needlessly.
    const onState = (answer: AnswerTypes["resync"]) => {
      if (epoch !== this.epoch) return;
      this.resyncing = undefined;
      this.replaceState(answer);
      this.drainBuffer();
    };
    this.resyncing = this.host.requestNow({ type: "resync", instance: this.currentInstance }, onState).then(
      () => undefined,
      (error: unknown) => {
        if (epoch !== this.epoch) return;
        this.resyncing = undefined;
        this.buffered = [];
        // After a dropped connection the re-mount replaces the state; anything else leaves it stale, and the
        // next patch (whose version cannot follow) starts another resync.
        if (!(error instanceof LiveClosedError)) this.emitError(error as Error);
      },
    );
  }

  private drainBuffer(): void {
    const pending = this.buffered.sort((a, b) => a.version - b.version);
    this.buffered = [];
    for (const [index, message] of pending.entries()) {
      if (message.version <= this.currentVersion) continue;
      this.receivePatch(message);
      if (this.resyncing !== undefined) {
        // A further gap: keep the rest for after the next state answer.
        this.buffered.push(...pending.slice(index + 1));
        return;
      }
    }
  }

  private adoptResumed(answer: ResumedMessage): void {
    this.epoch++;
    this.resyncing = undefined;
    this.currentRestoredBy = "resumed";
    this.credentials.take(answer as unknown as { readonly [member: string]: unknown }, answer.version, true);
  }

  private replaceState(snapshot: { readonly version: number; readonly state: unknown }): void {
    this.currentVersion = snapshot.version;
    this.setState(snapshot.state as Readonly<TState>);
  }

  private setState(next: Readonly<TState>): void {
    this.currentState = next;
    emit(this.changeListeners, this.host.logger, "an onChange listener", next);
  }

  private emitError(error: Error): void {
    if (this.errorListeners.size === 0) this.host.logger.error?.(`live: ${this.component}: ${error.message}`, error);
    emit(this.errorListeners, this.host.logger, "an onError listener", error);
  }
}
