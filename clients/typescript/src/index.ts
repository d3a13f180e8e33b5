export { LiveClient, type LiveClientOptions, type LiveStatus, type StatusEvent, type StatusListener } from "./client.js";
export type { ChangeListener, ComponentHandle } from "./component.js";
export type { RoomChangeListener, RoomHandle } from "./room.js";
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
export {
  backoffDelay,
  type ComponentSnapshot,
  type ReconnectOptions,
  type ResumeContext,
  type ResumeHook,
} from "./reconnect.js";
export type { CloseInfo, LiveLogger, WebSocketConstructor, WebSocketLike } from "./connection.js";
export { SUBPROTOCOL, type ClientRequest, type ServerMessage } from "./protocol.js";
