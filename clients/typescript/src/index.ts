export { LiveClient } from "./client.js";
export type { ClientRestoreListener, LiveClientOptions, LiveStatus, StatusEvent, StatusListener } from "./options.js";
export type { ChangeListener, ComponentHandle, RestoreListener } from "./component.js";
export type { PresenceStatus, RoomChangeListener, RoomHandle } from "./room.js";
export {
  defineComponent,
  defineRoom,
  type DefaultEvents,
  type LiveStateEntryInfo,
  type RoomBinding,
  type RoomDocument,
  type RoomEventOf,
  type RoomMemberInfo,
  type ActionFunction,
  type ActionSignature,
  type ActionSignatures,
  type ActionsOf,
  type BoundActions,
  type ComponentBinding,
  type DefaultProps,
  type PropsOf,
  type StateOf,
} from "./bindings.js";
export { LiveClosedError, LiveError, LiveTimeoutError, type LiveErrorCode } from "./errors.js";
export {
  applyPatch,
  formatPointer,
  getByPointer,
  jsonEqual,
  parsePointer,
  JsonPatchError,
  type JsonPatchErrorCode,
  type JsonValue,
  type PatchOperation,
} from "./patch.js";
export { backoffDelay, type ComponentSnapshot, type ReconnectOptions } from "./reconnect.js";
export type { RestoreEvent, RestoreFailure, RestoreKind } from "./restore.js";
export { TOKEN_KEY_PREFIX, type TokenStorageLike, type TokenStorageOption } from "./tokens.js";
export type { CloseInfo, LiveLogger, WebSocketConstructor, WebSocketLike } from "./connection.js";
export { SUBPROTOCOL, type ClientRequest, type ServerMessage } from "./protocol.js";
