/**
 * The HTTP engine over undici directly: `Agent.dispatch` with a handler of ours, on a
 * keep-alive connection pool owned by the layer's scope (an `Agent` per connect timeout, see
 * `Agents`). One `setTimeout` per attempt bounds
 * it (no racing fiber): first at the connect timeout (`openTimeout`, when it is shorter
 * than `timeout`), re-armed for the rest of `timeout` once the connection is there (undici
 * calls `onRequestStart` when the request goes on a connected socket, TLS included), so an
 * attempt that gets its answer within the connect timeout sets one timer, as without it. A
 * connection not made in time fails with `Timeout` and `detail` `"connect"`; undici's own
 * connect timeout is the same (`UND_ERR_CONNECT_TIMEOUT`, whichever fires first), and it
 * destroys the socket being connected, which no handle of ours can reach. The
 * request is aborted only on timeout, interruption or a body over the size limit, through
 * undici's own controller (no `AbortController`). Redirects are never
 * followed (`dispatch` does not follow them). Internal: `NodeRest.EngineLive` is the public layer.
 *
 * @since 0.1.0
 * @internal
 */
import * as Rest from "@effect-ably/core/Rest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { IncomingHttpHeaders } from "node:http"
import type { Dispatcher } from "undici"
import * as AgentClass from "./AgentClass.js"
import { Agents } from "./Agents.js"

type Request = Rest.HttpEngineRequest
type Response = Rest.HttpEngineResponse
type Failure = Rest.HttpEngineFailure
type Resume = (effect: Effect.Effect<Response, Failure>) => void

// Repeated headers arrive as arrays: joined with ", ", as `Headers.fromInput` does.
const flatHeaders = (headers: IncomingHttpHeaders): Record<string, string> => {
  const flat: Record<string, string> = {}
  for (const name of Object.keys(headers)) {
    const value = headers[name]
    if (value !== undefined) flat[name] = typeof value === "string" ? value : value.join(", ")
  }
  return flat
}

const aborted = new Error("The request was aborted")

// undici's own connect timeout (its `connect.timeout`: the request's `openTimeout`, see `Agents`).
const isConnectTimeout = (cause: unknown): boolean =>
  typeof cause === "object" && cause !== null && "code" in cause && cause.code === "UND_ERR_CONNECT_TIMEOUT"

// One attempt: undici calls these methods as the answer arrives.
class Attempt implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined
  private done = false
  private status = 0
  private headers: Record<string, string> = {}
  private readonly chunks: Array<Uint8Array> = []
  private total = 0
  private timer: ReturnType<typeof setTimeout>
  private connected = false
  // What is left of `timeout` after the connect timeout, while the connect timer runs.
  private rest: number

  constructor(
    private readonly resume: Resume,
    private readonly maxBytes: number,
    timeout: number,
    openTimeout: number | undefined
  ) {
    // The timer gets the attempt as its argument: no closure per attempt.
    if (openTimeout !== undefined && openTimeout < timeout) {
      this.rest = timeout - openTimeout
      this.timer = setTimeout(onTimer, openTimeout, this)
    } else {
      this.rest = 0
      this.timer = setTimeout(onTimer, timeout, this)
    }
  }

  /** The timer fired: no connection yet is a connect timeout; a connection gets the rest of `timeout`. */
  timedOut(): void {
    if (this.connected && this.rest > 0) {
      this.timer = setTimeout(onTimer, this.rest, this)
      this.rest = 0
      return
    }
    this.stop(Rest.engineFailure("Timeout", this.connected ? undefined : "connect"))
  }

  private finish(effect: Effect.Effect<Response, Failure>): void {
    if (this.done) return
    this.done = true
    clearTimeout(this.timer)
    this.resume(effect)
  }

  // Gives up on the attempt: answers `failure` and aborts the request (the socket with it).
  private stop(failure: Failure): void {
    this.finish(Effect.fail(failure))
    this.controller?.abort(aborted)
  }

  /** On interruption: nothing is resumed, the request is aborted. */
  cancel(): void {
    if (this.done) return
    this.done = true
    clearTimeout(this.timer)
    this.controller?.abort(aborted)
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller
    this.connected = true
    // Interrupted or timed out before undici got to it.
    if (this.done) controller.abort(aborted)
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    this.status = statusCode
    this.headers = flatHeaders(headers)
    const declared = Rest.engineDeclaredLength(this.headers["content-length"])
    if (declared !== undefined && declared > this.maxBytes) {
      this.stop(Rest.engineTooLarge(this.maxBytes, `Content-Length ${declared}`))
    }
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.done) return
    this.total += chunk.length
    if (this.total > this.maxBytes) {
      this.stop(Rest.engineTooLarge(this.maxBytes, `more than ${this.maxBytes} bytes sent`))
      return
    }
    this.chunks.push(chunk)
  }

  onResponseEnd(): void {
    // Copied into a plain `Uint8Array` of its own: undici's chunks are `Buffer`s, maybe views of
    // a larger socket read, and decoded binary data are views of the body (a `Buffer` view
    // would not equal a `Uint8Array`, and would hold the whole read).
    const body = new Uint8Array(this.total)
    let offset = 0
    for (const chunk of this.chunks) {
      body.set(chunk, offset)
      offset += chunk.length
    }
    this.finish(Effect.succeed({ status: this.status, headers: this.headers, body }))
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.failed(error)
  }

  /** No status yet: no answer at all. After the headers: the body broke off. */
  failed(cause: unknown): void {
    this.finish(Effect.fail(
      isConnectTimeout(cause)
        ? Rest.engineFailure("Timeout", "connect", cause)
        : Rest.engineFailure(this.status === 0 ? "Transport" : "Read", undefined, cause)
    ))
  }
}

const onTimer = (attempt: Attempt): void => attempt.timedOut()

const originAndPath = (url: string): readonly [string, string] => {
  const slash = url.indexOf("/", url.indexOf("//") + 2)
  return slash < 0 ? [url, "/"] : [url.slice(0, slash), url.slice(slash)]
}

/**
 * The engine over the dispatcher `dispatcherFor` gives for each request's connect timeout.
 *
 * @since 0.1.0
 * @internal
 * @example
 * import * as UndiciEngine from "./UndiciEngine.js"
 * import { Agents } from "./Agents.js"
 * import { Agent } from "undici"
 * const agents = new Agents(Agent)
 * const engine = UndiciEngine.makeWith((connectTimeout) => agents.for(connectTimeout))
 */
export const makeWith = (
  dispatcherFor: (connectTimeout: number | undefined) => Dispatcher
): Rest.HttpEngineService => ({
  execute: (request: Request) =>
    Effect.async<Response, Failure>((resume) => {
      const attempt = new Attempt(resume, request.maxBytes, request.timeout, request.openTimeout)
      const [origin, path] = originAndPath(request.url)
      try {
        dispatcherFor(request.openTimeout).dispatch(
          { origin, path, method: request.method, headers: request.headers, body: request.body },
          attempt
        )
      } catch (cause) {
        // Invalid arguments (a malformed URL or header) are thrown, not reported.
        attempt.failed(cause)
      }
      return Effect.sync(() => attempt.cancel())
    })
})

/**
 * The engine over one undici dispatcher (an `Agent`, a `Pool`, a `MockAgent`), whatever the
 * connect timeout: undici's own is the dispatcher's.
 *
 * @since 0.1.0
 * @internal
 * @example
 * import * as UndiciEngine from "./UndiciEngine.js"
 * import { Agent } from "undici"
 * const engine = UndiciEngine.make(new Agent())
 */
export const make = (dispatcher: Dispatcher): Rest.HttpEngineService => makeWith(() => dispatcher)

/**
 * The engine in a scoped layer: keep-alive `Agent`s (one per connect timeout, so one per
 * client; as many connections per origin as there are requests in flight), destroyed when
 * the scope closes.
 *
 * @since 0.1.0
 * @internal
 * @example
 * import { NodeRest } from "@effect-ably/node"
 * // Internal: applications use it as NodeRest.EngineLive.
 * const EngineLive = NodeRest.EngineLive
 */
export const layer: Layer.Layer<Rest.HttpEngine> = Layer.scoped(
  Rest.HttpEngine,
  Effect.map(
    Effect.flatMap(
      AgentClass.load,
      (Agent) =>
        Effect.acquireRelease(Effect.sync(() => new Agents(Agent)), (agents) => Effect.promise(() => agents.destroy()))
    ),
    (agents) => makeWith((connectTimeout) => agents.for(connectTimeout))
  )
)
