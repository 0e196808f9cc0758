/**
 * `--app-file` and `--key`: the apps the CLI creates, as `AppSpec`s plus messages to seed.
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import * as Arr from "effect/Array"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { readFileSync } from "node:fs"
import { AppSpec, KeySpec } from "../../state/AppSpec.js"
import type { FixedKey } from "./Args.js"

const CapabilityMap = Schema.Record({ key: Schema.String, value: Schema.Array(Schema.String) })

// In a file a capability may be written as an object rather than as JSON text.
const FileKey = Schema.Struct({
  ...KeySpec.fields,
  capability: Schema.optional(Schema.Union(Schema.String, CapabilityMap))
})

const FileApp = Schema.Struct({
  ...AppSpec.fields,
  keys: Schema.optional(Schema.Array(FileKey)),
  /** Messages to publish once the app exists, by channel: publish bodies (JSON form). */
  messages: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Array(Schema.Unknown) }))
})

/**
 * The shape of an `--app-file`: `{ "apps": [...] }`, each app an `AppSpec` (fixed `appId`,
 * `keyId` and `keySecret` allowed; a key's `capability` as JSON text or an object) with
 * optional `messages` by channel.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * import { AppFile } from "@effect-ably/emulator/internal/cli/AppFile"
 * import { Schema } from "effect"
 * Schema.decodeUnknownSync(AppFile)({ apps: [{ appId: "app", keys: [{ keyId: "root", keySecret: "secret" }] }] })
 */
export const AppFile = Schema.Struct({ apps: Schema.Array(FileApp) })

/**
 * One app to create: its spec and the messages to publish on it, by channel (unchecked
 * publish bodies; the emulator decodes them as it decodes `POST /channels/:channel/messages`).
 *
 * @since 0.1.0
 * @category models
 */
export interface AppSetup {
  readonly spec: AppSpec
  readonly messages: Readonly<Record<string, ReadonlyArray<unknown>>>
}

const toSetup = (app: typeof FileApp.Type): AppSetup => {
  const { keys, messages, ...spec } = app
  return {
    spec: {
      ...spec,
      ...(keys === undefined ? {} : {
        keys: keys.map(({ capability, ...key }) => ({
          ...key,
          ...(capability === undefined
            ? {}
            : { capability: typeof capability === "string" ? capability : JSON.stringify(capability) })
        }))
      })
    },
    messages: messages ?? {}
  }
}

/**
 * Reads and checks an app file. Any problem (unreadable, not JSON, not the shape) is a
 * one-line message naming the file.
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * import { readAppFile } from "@effect-ably/emulator/internal/cli/AppFile"
 * const setups = readAppFile("apps.json") // Effect<ReadonlyArray<AppSetup>, string>
 */
export const readAppFile = (path: string): Effect.Effect<ReadonlyArray<AppSetup>, string> =>
  Effect.try({
    try: () => readFileSync(path, "utf8"),
    catch: (cause) => `cannot read app file ${path}: ${cause instanceof Error ? cause.message : String(cause)}`
  }).pipe(
    Effect.flatMap((text) =>
      Either.try({ try: (): unknown => JSON.parse(text), catch: () => `app file ${path} is not valid JSON` })
    ),
    Effect.flatMap((json) =>
      Schema.decodeUnknown(AppFile)(json).pipe(
        Effect.mapError((error) => `app file ${path}: ${Errors.describeParseError(error)}`)
      )
    ),
    Effect.map((file) => file.apps.map(toSetup))
  )

/**
 * The apps of the `--key` options: one per app id, in the order the ids first appear, each
 * with its full-access keys.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { keyApps } from "@effect-ably/emulator/internal/cli/AppFile"
 * keyApps([{ appId: "app", keyId: "root", keySecret: "secret" }])
 * // [{ spec: { appId: "app", keys: [{ keyId: "root", keySecret: "secret" }] }, messages: {} }]
 */
export const keyApps = (keys: ReadonlyArray<FixedKey>): ReadonlyArray<AppSetup> =>
  Arr.dedupe(keys.map((key) => key.appId)).map((appId) => ({
    spec: {
      appId,
      keys: keys.filter((key) => key.appId === appId).map(({ keyId, keySecret }) => ({ keyId, keySecret }))
    },
    messages: {}
  }))
