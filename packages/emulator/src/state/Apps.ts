/**
 * Creating apps from an `AppSpec`, and the public view of an app.
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import * as Effect from "effect/Effect"
import * as HashMap from "effect/HashMap"
import * as Capability from "../auth/Capability.js"
import type { AppSpec, KeySpec } from "./AppSpec.js"
import { randomId } from "./Ids.js"
import type { AppInfo, AppState, KeyState } from "./Model.js"

const makeKey = (appId: string, spec: typeof KeySpec.Type): Effect.Effect<KeyState, Errors.AblyError> =>
  Effect.gen(function*() {
    const parsedCapability = yield* Capability.parse(spec.capability)
    const keyId = spec.keyId ?? (yield* randomId(6))
    const keyName = `${appId}.${keyId}`
    const keySecret = spec.keySecret ?? (yield* randomId(43))
    return {
      id: keyId,
      value: keySecret,
      keyName,
      keySecret,
      keyStr: `${keyName}:${keySecret}`,
      capability: Capability.canonical(parsedCapability),
      parsedCapability,
      revocableTokens: spec.revocableTokens ?? false
    }
  })

/**
 * Builds a new app with random ids and secrets, or the spec's fixed `appId`, `keyId` and
 * `keySecret`. A spec without `keys` gets one full-access key; an invalid capability or a
 * key id given twice fails with 400 / 40000.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import { makeApp } from "./Apps.js"
 * import { testAppSpec } from "@effect-ably/emulator"
 * const app = makeApp(testAppSpec) // Effect<AppState, AblyError>
 */
export const makeApp = (spec: AppSpec): Effect.Effect<AppState, Errors.AblyError> =>
  Effect.gen(function*() {
    const appId = spec.appId ?? (yield* randomId(6))
    const accountId = yield* randomId(6)
    const keys = yield* Effect.forEach(spec.keys ?? [{}], (key) => makeKey(appId, key))
    const names = new Set(keys.map((key) => key.keyName))
    if (names.size < keys.length) {
      return yield* Effect.fail(
        Errors.ablyError(40000, 400, `Invalid app spec: a key id appears twice in app ${appId}`)
      )
    }
    return {
      appId,
      accountId,
      keys,
      namespaces: spec.namespaces ?? [],
      fixtures: spec.channels ?? [],
      channels: HashMap.empty(),
      ...(spec.rateLimits === undefined ? {} : { rateLimits: spec.rateLimits })
    }
  })

/**
 * What `POST /apps` answers for an app.
 *
 * @since 0.1.0
 * @category conversions
 * @example
 * import { appInfo, makeApp } from "./Apps.js"
 * import { testAppSpec } from "@effect-ably/emulator"
 * import { Effect } from "effect"
 * const info = Effect.map(makeApp(testAppSpec), appInfo)
 */
export const appInfo = (app: AppState): AppInfo => ({
  appId: app.appId,
  accountId: app.accountId,
  keys: app.keys.map(({ capability, id, keyName, keySecret, keyStr, revocableTokens, value }) => ({
    id,
    value,
    keyName,
    keySecret,
    keyStr,
    capability,
    revocableTokens
  })),
  namespaces: app.namespaces,
  channels: app.fixtures
})
