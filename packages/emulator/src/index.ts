/**
 * `@effect-ably/emulator`: an Ably REST service held in memory, served through an in-memory
 * `HttpClient` (`layer`, or `layerRest` for a ready `Rest` client). This entry runs anywhere
 * (browsers included: no Node imports); the loopback HTTP server (`layerServer`) is in
 * `@effect-ably/emulator/server`.
 *
 * @since 0.1.0
 */
export { httpApp } from "./app.js"
export type { Admin } from "./control/Admin.js"
export { Emulator, layerState, make } from "./Emulator.js"
export { layer, makeHttpClient } from "./layer.js"
export { EmulatorApp, layerRest, type RestOptions } from "./layerRest.js"
export type { Occupancy } from "./state/Activity.js"
export {
  AppSpec,
  ChannelFixture,
  KeySpec,
  NamespaceSpec,
  PresenceFixture,
  RateLimitSpec,
  testAppSpec
} from "./state/AppSpec.js"
export { EnumerationFaults } from "./state/Enumeration.js"
export type { HistoryPage, HistoryQuery } from "./state/History.js"
export { AppInfo, KeyInfo, type Payload, type PublishInput, type StoredMessage } from "./state/Model.js"
export { PresenceChange } from "./state/Presence.js"
/**
 * Capability parsing and matching.
 *
 * @since 0.1.0
 */
export * as Capability from "./auth/Capability.js"
/**
 * Authorization header parsing and credential checks.
 *
 * @since 0.1.0
 */
export * as Credentials from "./auth/Credentials.js"
/**
 * Ably JWTs (HS256): parsing, verification, and `sign` for tests that need a JWT.
 *
 * @since 0.1.0
 */
export * as Jwt from "./auth/Jwt.js"
export { type RevocationBatch, type RevocationResult, RevokeTokensRequest } from "./state/Revocations.js"
export { type IssuedToken, TokenDetailsWire, type TokenParams } from "./state/Tokens.js"
export type { TokenHandle } from "./state/TokenStore.js"
/**
 * Fault rules as data (the Schemas of `emulator.faults.set` and `PUT /_emulator/faults`).
 *
 * @since 0.1.0
 */
export * as FaultRule from "./faults/FaultRule.js"
export { type Faults, perHost, type RequestInfo, type RuleStatus } from "./faults/Faults.js"
