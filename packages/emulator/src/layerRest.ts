/**
 * One-line test wiring: core's `Rest` client on a fresh emulator app, in memory, with the
 * `Emulator` handle and the app beside it.
 *
 * @since 0.1.0
 */
import { type ClientOptions, type Errors, Rest } from "@effect-ably/core"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Emulator } from "./Emulator.js"
import { layer } from "./layer.js"
import type { AppSpec } from "./state/AppSpec.js"
import type { AppInfo } from "./state/Model.js"

/**
 * The app `layerRest` created: its `appId` (for `emulator.messages(appId, channel)` and the
 * other handle calls) and its keys; the client uses `keys[0]`.
 *
 * @since 0.1.0
 * @category tags
 * @example
 * import { Emulator, EmulatorApp, layerRest } from "@effect-ably/emulator"
 * import { Rest } from "@effect-ably/core"
 * import { Effect } from "effect"
 *
 * const stored = Effect.gen(function* () {
 *   const rest = yield* Rest.Rest
 *   yield* rest.channels.get("orders").publish("created", { id: 42 })
 *   const { appId } = yield* EmulatorApp
 *   return yield* Effect.flatMap(Emulator, (emulator) => emulator.messages(appId, "orders"))
 * }).pipe(Effect.provide(layerRest()))
 */
export class EmulatorApp extends Context.Tag("@effect-ably/emulator/EmulatorApp")<EmulatorApp, AppInfo>() {}

/**
 * Options of `layerRest`: every client option except the credentials, plus what the fresh app
 * and the client's credentials are.
 *
 * @since 0.1.0
 * @category models
 */
export interface RestOptions
  extends Omit<ClientOptions.ClientOptionsInput, "key" | "token" | "tokenDetails" | "authCallback" | "authUrl">
{
  /**
   * The capability of the app's key, as JSON text or a map. Default full access
   * (`{"*":["*"]}`). Ignored when `app` is given.
   */
  readonly capability?: string | Readonly<Record<string, ReadonlyArray<string>>> | undefined
  /** The spec of the fresh app (keys, namespaces, fixtures); the client uses its first key. */
  readonly app?: AppSpec | undefined
  /**
   * `"key"` (the default): Basic auth with the key. `"token"`: the client never sees the key;
   * its `authCallback` gets Ably tokens issued by the emulator for the first key (with the
   * token params the client asks for, `clientId` included). For token auth where the client
   * holds the key and asks `requestToken` over HTTP, pass `useTokenAuth: true` instead.
   */
  readonly auth?: "key" | "token" | undefined
}

const specOf = (options: RestOptions): AppSpec => {
  if (options.app !== undefined) return options.app
  const { capability } = options
  if (capability === undefined) return { keys: [{}] }
  return { keys: [{ capability: typeof capability === "string" ? capability : JSON.stringify(capability) }] }
}

const clientLayer = (
  options: RestOptions
): Layer.Layer<Rest.Rest | EmulatorApp, Errors.AblyError, Emulator | HttpClient.HttpClient> =>
  Layer.unwrapEffect(
    Effect.gen(function*() {
      const emulator = yield* Emulator
      const app = yield* emulator.createApp(specOf(options))
      const [first] = app.keys
      const { app: _app, auth, capability: _capability, ...client } = options
      const credentials: Pick<ClientOptions.ClientOptionsInput, "key" | "authCallback"> = first === undefined
        ? {}
        : auth === "token"
        ? {
          authCallback: (params) =>
            emulator.issueToken(app.appId, first.keyName, {
              ttl: params.ttl,
              clientId: params.clientId,
              capability: typeof params.capability === "object" ? JSON.stringify(params.capability) : params.capability
            })
        }
        : { key: first.keyStr }
      return Layer.merge(Rest.layer({ ...client, ...credentials }), Layer.succeed(EmulatorApp, app))
    })
  )

/**
 * Core's `Rest` client on a fresh app of a fresh in-memory emulator (no sockets), with the
 * `Emulator` handle and the app (`EmulatorApp`): one layer per test. The client authenticates
 * with the app's first key, or with tokens (`auth: "token"`); every other client option
 * (`useBinaryProtocol`, `clientId`, `useTokenAuth`, `fallbackHosts`, …) passes through.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * import { layerRest } from "@effect-ably/emulator"
 * import { Rest } from "@effect-ably/core"
 * import { Effect, Stream } from "effect"
 *
 * const program = Effect.gen(function* () {
 *   const channel = (yield* Rest.Rest).channels.get("orders")
 *   yield* channel.publish("created", { id: 42 })
 *   return yield* channel.history().pipe(Stream.runCollect)
 * })
 *
 * Effect.runPromise(program.pipe(Effect.provide(layerRest())))
 * // a subscribe-only key over JSON, with tokens the client never sees the key for:
 * const readOnly = layerRest({ capability: { "*": ["subscribe"] }, useBinaryProtocol: false, auth: "token", clientId: "alice" })
 */
export const layerRest = (
  options: RestOptions = {}
): Layer.Layer<Rest.Rest | Emulator | EmulatorApp, Errors.AblyError> =>
  clientLayer(options).pipe(Layer.provideMerge(layer))
