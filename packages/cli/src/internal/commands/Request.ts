/**
 * `effect-ably request`: a REST call of your choice (RSC19).
 *
 * @since 0.1.0
 */
import { Errors } from "@effect-ably/core"
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Effect from "effect/Effect"
import * as HashMap from "effect/HashMap"
import * as Option from "effect/Option"
import { options } from "../Global.js"
import { printStream, withRest } from "../Run.js"

const body = Options.text("body").pipe(
  Options.withPseudoName("JSON"),
  Options.withDescription("the request body, as JSON"),
  Options.mapEffect((text) => {
    try {
      return Effect.succeed<unknown>(JSON.parse(text))
    } catch {
      return Effect.fail(ValidationError.invalidValue(HelpDoc.p("--body is not valid JSON")))
    }
  }),
  Options.optional
)

/**
 * `request <method> <path> [--body JSON] [--param k=v]...`: prints the response's items (every
 * page) as NDJSON; an error answer (status ≥ 400) prints its error and exits 1.
 *
 * @since 0.1.0
 * @category commands
 * @example
 * import { request } from "./Request.js"
 * const command = request
 */
export const request = Command.make("request", {
  global: options,
  method: Args.choice([
    ["get", "get"],
    ["post", "post"],
    ["put", "put"],
    ["patch", "patch"],
    ["delete", "delete"],
    [
      "GET",
      "get"
    ],
    ["POST", "post"],
    ["PUT", "put"],
    ["PATCH", "patch"],
    ["DELETE", "delete"]
  ], { name: "method" }),
  path: Args.text({ name: "path" }).pipe(Args.withDescription("the path, e.g. /channels/orders/messages")),
  body,
  params: Options.keyValueMap("param").pipe(
    Options.withDescription("a query parameter k=v (repeatable)"),
    Options.optional
  )
}, ({ body, global, method, params, path }) =>
  withRest(global, (rest) =>
    rest.request(method, path, {
      ...Option.match(body, { onNone: () => ({}), onSome: (b) => ({ body: b }) }),
      ...Option.match(params, {
        onNone: () => ({}),
        onSome: (map) => ({ params: Object.fromEntries(HashMap.toEntries(map)) })
      })
    }).pipe(
      Effect.flatMap((response) =>
        response.success
          ? printStream(response.stream)
          : Effect.fail(
            Errors.ablyError(
              Option.getOrElse(response.errorCode, () => response.statusCode * 100),
              response.statusCode,
              Option.getOrElse(
                response.errorMessage,
                () => `${method.toUpperCase()} ${path} answered ${response.statusCode}`
              )
            )
          )
      )
    ))).pipe(Command.withDescription("Send an arbitrary REST request; prints the response items as NDJSON"))
