import type { LiveLogger } from "./connection.js";
import type { TokenMessage } from "./protocol.js";

/** An answer that (re-)attaches a component; its `token` and `resume` members are read when present. */
type Answer = { readonly [member: string]: unknown };

/**
 * What a component needs to come back after a drop: the resume secret of its live instance (memory only) and the
 * newest signed state token (also persisted, through `onTokenChanged`, unless tokens are off).
 * @internal
 */
export class RestoreCredentials {
  private currentToken: string | undefined;
  private tokenVersion = -1;
  private secret: string | undefined;

  constructor(
    private readonly keepTokens: boolean,
    private readonly logger: LiveLogger,
    private readonly onTokenChanged: (token: string | undefined, version: number) => void,
  ) {}

  get token(): string | undefined {
    return this.currentToken;
  }

  get resumeSecret(): string | undefined {
    return this.secret;
  }

  /**
   * Takes the token and resume secret of a `mounted` answer (a new instance: an answer without a token, as for a
   * singleton, clears it) or of a `resumed` answer (`sameInstance`: without a token the one held is kept, as it
   * still rehydrates an older state of the same instance).
   */
  take(answer: Answer, version: number, sameInstance: boolean): void {
    const secret = answer["resume"];
    this.secret = typeof secret === "string" && secret.length > 0 ? secret : undefined;
    if (!this.keepTokens) return;
    const token = typeof answer["token"] === "string" && answer["token"].length > 0 ? answer["token"] : undefined;
    if (sameInstance && (token === undefined || version < this.tokenVersion)) return;
    this.set(token, token === undefined ? -1 : version);
  }

  /** A `token` message: kept when it is not older than the token held. */
  receive(message: TokenMessage): void {
    if (!this.keepTokens) return;
    if (message.version < this.tokenVersion) {
      this.logger.debug?.(`live: ignoring an older token (version ${message.version}) for ${message.instance}.`);
      return;
    }
    this.set(message.token, message.version);
  }

  /** Unmounted: nothing can bring it back any more. */
  clear(): void {
    this.secret = undefined;
    this.set(undefined, -1);
  }

  private set(token: string | undefined, version: number): void {
    this.currentToken = token;
    this.tokenVersion = version;
    this.onTokenChanged(token, version);
  }
}
