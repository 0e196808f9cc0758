/**
 * `POST /keys/:keyName/revokeTokens` (RSA17): revokes tokens a key issued, by clientId,
 * revocation key (JWT claim) or channel.
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { authenticateKey } from "../auth/Credentials.js"
import { Emulator } from "../Emulator.js"
import { readBody } from "../http/Negotiation.js"
import { respond } from "../http/Respond.js"
import { RevokeTokensRequest } from "../state/Revocations.js"

/**
 * Needs Basic auth with the key in the path (a token → 401 / 40162, another key →
 * 401 / 40102) and a key with revocable tokens (else 400 / 40121). A malformed body is
 * 400 / 40001; a bad `issuedBefore` or target count 400 / 40003. Answers 201 with the
 * BatchResult `{successCount, failureCount, results}`.
 *
 * @since 0.1.0
 * @category handlers
 * @example
 * import { revokeTokens } from "./revokeTokens.js"
 * const handler = revokeTokens
 */
export const revokeTokens = Effect.gen(function*() {
  const { keyName = "" } = yield* HttpRouter.params
  const principal = yield* authenticateKey(keyName, "revoke tokens of")
  const request = yield* Effect.flatMap(readBody, Schema.decodeUnknown(RevokeTokensRequest)).pipe(
    Effect.mapError((cause) =>
      Errors.isAblyError(cause)
        ? cause
        : Errors.ablyError(40001, 400, `Invalid revocation request: ${Errors.describeParseError(cause)}`, { cause })
    )
  )
  const emulator = yield* Emulator
  const batch = yield* emulator.revokeTokens(principal.app.appId, keyName, request)
  return yield* respond(201, batch)
})
