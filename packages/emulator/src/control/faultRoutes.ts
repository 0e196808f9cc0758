/**
 * Fault injection over HTTP, for tools outside the process (the soak test, another
 * language's client): the same rules as `emulator.faults`, as JSON or msgpack. These routes
 * need no credentials (faults are process-wide, like `POST /apps`) and are never faulted.
 *
 * - `PUT /_emulator/faults`: a `FaultPlan` (`{ rules, seed? }`), replacing earlier rules → 204
 * - `DELETE /_emulator/faults`: clears the rules → 204
 * - `GET /_emulator/faults`: `{ rules: [{ rule, fired }] }`
 * - `GET /_emulator/faults/requests`: the request record, `[{ host, port, method, path, fault? }]`
 * - `DELETE /_emulator/faults/requests`: forgets it → 204
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { Emulator } from "../Emulator.js"
import { FaultPlan } from "../faults/FaultRule.js"
import { readBody } from "../http/Negotiation.js"
import { respond } from "../http/Respond.js"
import { prefix } from "./routes.js"

const noContent = HttpServerResponse.empty({ status: 204 })

/**
 * Sets the fault plan; a body that is not a `FaultPlan` is 400 / 40001.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { setFaults } from "./faultRoutes.js"
 * // PUT /_emulator/faults {"seed":7,"rules":[{"host":"127.0.0.1","action":{"type":"status","status":503}}]}
 * const handler = setFaults
 */
export const setFaults = Effect.gen(function*() {
  const plan = yield* Effect.flatMap(readBody, Schema.decodeUnknown(FaultPlan)).pipe(
    Effect.mapError((cause) =>
      Errors.isAblyError(cause)
        ? cause
        : Errors.ablyError(40001, 400, `Invalid fault plan: ${Errors.describeParseError(cause)}`)
    )
  )
  const emulator = yield* Emulator
  yield* emulator.faults.set(plan.rules, { seed: plan.seed })
  return noContent
})

/**
 * The fault routes, for the router.
 *
 * @since 0.1.0
 * @category routes
 * @example
 * import { faultRoutes } from "./faultRoutes.js"
 * import { HttpRouter } from "@effect/platform"
 * // PUT, GET and DELETE /_emulator/faults, GET and DELETE /_emulator/faults/requests
 * const router = HttpRouter.fromIterable(faultRoutes)
 */
export const faultRoutes = [
  HttpRouter.makeRoute("PUT", `${prefix}/faults`, setFaults),
  HttpRouter.makeRoute(
    "DELETE",
    `${prefix}/faults`,
    Effect.flatMap(Emulator, (emulator) => Effect.as(emulator.faults.clear, noContent))
  ),
  HttpRouter.makeRoute(
    "GET",
    `${prefix}/faults`,
    Effect.flatMap(Emulator, (emulator) => Effect.flatMap(emulator.faults.rules, (rules) => respond(200, { rules })))
  ),
  HttpRouter.makeRoute(
    "GET",
    `${prefix}/faults/requests`,
    Effect.flatMap(
      Emulator,
      (emulator) => Effect.flatMap(emulator.faults.requests, (requests) => respond(200, requests))
    )
  ),
  HttpRouter.makeRoute(
    "DELETE",
    `${prefix}/faults/requests`,
    Effect.flatMap(Emulator, (emulator) => Effect.as(emulator.faults.clearRequests, noContent))
  )
] as const
