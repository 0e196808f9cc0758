/**
 * The engine's keep-alive `Agent`s, one per connect timeout in use. undici's connect timeout
 * (`connect.timeout`, 10 s unless set) belongs to the `Agent`, not to a request: an `Agent`
 * built without it keeps a connection attempt going for 10 s after our `httpOpenTimeout` gave
 * up on it. So each connect timeout gets an `Agent` whose own attempt ends with ours (undici
 * then destroys the socket; its timer ticks every ~0.5 s, at least ~1 s). A client has one `httpOpenTimeout`, hence one `Agent`, sized as
 * before (as many connections per origin as requests in flight); the last one used is kept at
 * hand, so a request costs one comparison.
 *
 * @since 0.1.0
 * @internal
 */
import type { Agent } from "undici"

/**
 * The `Agent`s of one engine, built on first use and destroyed together.
 *
 * @since 0.1.0
 * @internal
 * @example
 * import { Agents } from "./Agents.js"
 * import { Agent } from "undici"
 * const agents = new Agents(Agent)
 * const dispatcher = agents.for(4_000) // connect timeout 4 s
 */
export class Agents {
  private lastTimeout: number | undefined
  private last: Agent | undefined
  private readonly byTimeout = new Map<number | undefined, Agent>()
  private closed = false

  constructor(private readonly AgentClass: typeof Agent) {}

  /** The `Agent` for a connect timeout (`undefined`, or not a positive number: undici's default). */
  for(connectTimeout: number | undefined): Agent {
    if (this.last !== undefined && connectTimeout === this.lastTimeout) return this.last
    const timeout = connectTimeout !== undefined && connectTimeout > 0 && Number.isFinite(connectTimeout)
      ? connectTimeout
      : undefined
    let agent = this.byTimeout.get(timeout)
    if (agent === undefined) {
      agent = new this.AgentClass(timeout === undefined ? undefined : { connect: { timeout } })
      // After `destroy`, the new `Agent` is closed at once: its requests fail, none is left open.
      if (this.closed) void agent.destroy()
      else this.byTimeout.set(timeout, agent)
    }
    this.last = agent
    this.lastTimeout = connectTimeout
    return agent
  }

  /** Destroys every `Agent` (their sockets with them). */
  destroy(): Promise<void> {
    this.closed = true
    const agents = Array.from(this.byTimeout.values())
    this.byTimeout.clear()
    return Promise.all(agents.map((agent) => agent.destroy())).then(() => undefined)
  }
}
