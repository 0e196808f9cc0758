/**
 * Identified clients: a token with a clientId, or Basic auth with an `X-Ably-ClientId`
 * header, publishes as that clientId (RSA7, RSA7e2, RSL1m).
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import * as Either from "effect/Either"
import type { PublishInput } from "../state/Model.js"
import type { Principal } from "./Credentials.js"

/**
 * Applies the caller's identity to messages being published. A principal with a concrete
 * clientId (from its token, or from `X-Ably-ClientId` under Basic auth) stamps it on
 * messages that have none, and refuses messages naming another clientId with 400 / 40012.
 * Basic auth without the header, anonymous tokens and the `"*"` wildcard leave messages as
 * they are.
 *
 * @since 0.1.0
 * @category identity
 * @example
 * import { identify } from "./Identity.js"
 * import type { PublishInput } from "@effect-ably/emulator"
 * const greeting: PublishInput = { name: "greeting" }
 * identify({ clientId: "alice" }, [greeting]) // Right([{ name: "greeting", clientId: "alice" }])
 * identify({ clientId: "alice" }, [{ ...greeting, clientId: "bob" }]) // Left(AblyError 40012)
 */
export const identify = <M extends Pick<PublishInput, "clientId">>(
  principal: Pick<Principal, "clientId">,
  messages: ReadonlyArray<M>
): Either.Either<ReadonlyArray<M>, Errors.AblyError> => {
  const clientId = principal.clientId
  if (clientId === undefined || clientId === "*") return Either.right(messages)
  const foreign = messages.find((message) => message.clientId !== undefined && message.clientId !== clientId)
  if (foreign !== undefined) {
    return Either.left(
      Errors.ablyError(
        40012,
        400,
        `Mismatched clientId: '${foreign.clientId}' published by a client identified as '${clientId}'`
      )
    )
  }
  return Either.right(messages.map((message) => (message.clientId === undefined ? { ...message, clientId } : message)))
}
