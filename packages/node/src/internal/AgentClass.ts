/**
 * undici's `Agent` class, loaded on its own. `import("undici")` evaluates all of undici (fetch,
 * WebSocket, cookies, caches, and through them Node's own bundled undici): 80–110 ms of a fresh
 * process here, against 21–28 ms for the dispatcher modules an `Agent` needs. undici has no
 * `exports` map, so `undici/lib/dispatcher/agent.js` is reachable; should a later undici move
 * or reshape it, the whole package is loaded instead (a test checks the two are one class).
 *
 * @since 0.1.0
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Predicate from "effect/Predicate"
import type { Agent } from "undici"

// A `string`, not a literal: the path has no type declarations, and its value is checked below.
const agentModule: string = "undici/lib/dispatcher/agent.js"

const isAgentClass = (u: unknown): u is typeof Agent =>
  Predicate.isFunction(u) && Predicate.hasProperty(u.prototype, "dispatch") &&
  Predicate.isFunction(u.prototype.dispatch)

const wholePackage = () => import("undici").then((undici) => undici.Agent)

/**
 * The `Agent` class: from its own module when it is there, else from the package's index.
 *
 * @since 0.1.0
 * @internal
 * @example
 * import * as AgentClass from "./AgentClass.js"
 * import * as Effect from "effect/Effect"
 * const agent = Effect.map(AgentClass.load, (Agent) => new Agent())
 */
export const load: Effect.Effect<typeof Agent> = Effect.promise(() =>
  import(agentModule).then(
    (module: unknown) =>
      Predicate.hasProperty(module, "default") && isAgentClass(module.default) ? module.default : wholePackage(),
    wholePackage
  )
)
