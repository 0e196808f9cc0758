/**
 * `effect-ably token request|create` and `revoke`: token auth from the key (RSA8, RSA9, RSA17).
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { options } from "../Global.js"
import { printLine, withRest } from "../Run.js"

const tokenParams = Options.all({
  clientId: Options.text("client-id").pipe(
    Options.withDescription("the token's clientId (* lets the holder take every identity)"),
    Options.optional
  ),
  ttl: Options.integer("ttl").pipe(Options.withDescription("time to live in ms"), Options.optional),
  capability: Options.text("capability").pipe(
    Options.withDescription("capability as JSON, e.g. '{\"orders\":[\"publish\"]}'"),
    Options.optional
  )
})

const paramsOf = (parsed: typeof tokenParams extends Options.Options<infer A> ? A : never) => ({
  ...Option.match(parsed.clientId, { onNone: () => ({}), onSome: (clientId) => ({ clientId }) }),
  ...Option.match(parsed.ttl, { onNone: () => ({}), onSome: (ttl) => ({ ttl }) }),
  ...Option.match(parsed.capability, { onNone: () => ({}), onSome: (capability) => ({ capability }) })
})

const request = Command.make(
  "request",
  { global: options, params: tokenParams },
  ({ global, params }) =>
    withRest(global, (rest) => Effect.flatMap(rest.auth.requestToken(paramsOf(params)), printLine))
).pipe(
  Command.withDescription("Request an Ably token with the key (POST /keys/:key/requestToken); prints TokenDetails")
)

const create = Command.make(
  "create",
  { global: options, params: tokenParams },
  ({ global, params }) =>
    withRest(global, (rest) => Effect.flatMap(rest.auth.createTokenRequest(paramsOf(params)), printLine))
).pipe(
  Command.withDescription("Create a signed TokenRequest locally (no request); prints it as JSON")
)

/**
 * `token request|create [--client-id --ttl --capability]`.
 *
 * @since 0.1.0
 * @category commands
 * @example
 * import { token } from "./Token.js"
 * const command = token
 */
export const token = Command.make("token").pipe(
  Command.withDescription("Issue tokens: request (a TokenDetails from Ably) or create (a TokenRequest)"),
  Command.withSubcommands([request, create])
)

const issuedBefore = Options.text("issued-before").pipe(
  Options.withPseudoName("TIME"),
  Options.withDescription("revoke tokens issued before this time (ms or ISO 8601; default now)"),
  Options.mapEffect((text) => {
    const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text)
    return Number.isSafeInteger(ms) && ms >= 0
      ? Effect.succeed(ms)
      : Effect.fail(ValidationError.invalidValue(HelpDoc.p(`--issued-before ${text} is not a time`)))
  }),
  Options.optional
)

/**
 * `revoke --type clientId|revocationKey|channel --value V [--issued-before T]
 * [--allow-reauth-margin]`: revokes tokens of a revocable key; prints one line per target and
 * exits 1 when one failed.
 *
 * @since 0.1.0
 * @category commands
 * @example
 * import { revoke } from "./Token.js"
 * const command = revoke
 */
export const revoke = Command.make(
  "revoke",
  {
    global: options,
    type: Options.choice("type", ["clientId", "revocationKey", "channel"]).pipe(
      Options.withDescription("what --value names")
    ),
    value: Options.text("value").pipe(Options.withDescription("the clientId, revocation key or channel")),
    issuedBefore,
    allowReauthMargin: Options.boolean("allow-reauth-margin").pipe(
      Options.withDescription("give connected clients 30 s to reauthenticate")
    )
  },
  ({ allowReauthMargin, global, issuedBefore, type, value }) =>
    withRest(global, (rest) =>
      rest.auth.revokeTokens([{ type, value }], {
        ...Option.match(issuedBefore, { onNone: () => ({}), onSome: (ms) => ({ issuedBefore: ms }) }),
        ...(allowReauthMargin ? { allowReauthMargin } : {})
      }).pipe(
        Effect.tap((results) =>
          Effect.forEach(results.results, (result) =>
            printLine(
              result._tag === "Success"
                ? result
                : {
                  _tag: result._tag,
                  target: result.target,
                  error: { message: result.error.message, code: result.error.code, statusCode: result.error.statusCode }
                }
            ))
        ),
        Effect.flatMap((results) => {
          const [failed] = results.results.filter((result) => result._tag === "Failure")
          return failed === undefined || failed._tag !== "Failure" ? Effect.void : Effect.fail(failed.error)
        })
      ))
).pipe(Command.withDescription("Revoke tokens by clientId, revocation key or channel (needs a revocable key)"))
