/**
 * A tracer that records every span as an exporter's batch processor would: attributes and
 * events kept on the span; an ended span becomes a plain record (ids, times, attributes,
 * events, outcome: the span and its exit are not kept) in a buffer that is dropped every 512
 * spans (where a real exporter would serialise and send them). What `effect-ably+spans` runs under,
 * so that the SDK's spans are made and recorded: its figures against `effect-ably` (Effect's
 * built-in tracer, under which the SDK makes no span) are what the spans cost.
 */
import type * as Context from "effect/Context"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Tracer from "effect/Tracer"

interface SpanEvent {
  readonly name: string
  readonly time: bigint
  readonly attributes: Record<string, unknown> | undefined
}

interface EndedSpan {
  readonly name: string
  readonly spanId: string
  readonly traceId: string
  readonly parentId: string | undefined
  readonly startTime: bigint
  readonly endTime: bigint
  readonly ok: boolean
  readonly attributes: ReadonlyMap<string, unknown>
  readonly events: ReadonlyArray<SpanEvent>
}

let ended: Array<EndedSpan> = []
let nextId = 0

/** Spans ended so far, over every buffer dropped. */
export let recorded = 0

class RecordedSpan implements Tracer.Span {
  readonly _tag = "Span"
  readonly spanId: string
  readonly traceId: string
  readonly sampled = true
  readonly attributes = new Map<string, unknown>()
  readonly events: Array<SpanEvent> = []
  links: ReadonlyArray<Tracer.SpanLink>
  status: Tracer.SpanStatus

  constructor(
    readonly name: string,
    readonly parent: Option.Option<Tracer.AnySpan>,
    readonly context: Context.Context<never>,
    links: ReadonlyArray<Tracer.SpanLink>,
    startTime: bigint,
    readonly kind: Tracer.SpanKind
  ) {
    this.spanId = (++nextId).toString(16).padStart(16, "0")
    this.traceId = Option.isSome(parent) ? parent.value.traceId : this.spanId.padStart(32, "0")
    this.links = links
    this.status = { _tag: "Started", startTime }
  }

  end(endTime: bigint, exit: Exit.Exit<unknown, unknown>): void {
    if (this.status._tag === "Ended") return
    const startTime = this.status.startTime
    this.status = { _tag: "Ended", startTime, endTime, exit }
    recorded++
    ended.push({
      name: this.name,
      spanId: this.spanId,
      traceId: this.traceId,
      parentId: Option.isSome(this.parent) ? this.parent.value.spanId : undefined,
      startTime,
      endTime,
      ok: Exit.isSuccess(exit),
      attributes: this.attributes,
      events: this.events
    })
    if (ended.length >= 512) ended = []
  }

  attribute(key: string, value: unknown): void {
    this.attributes.set(key, value)
  }

  event(name: string, time: bigint, attributes?: Record<string, unknown>): void {
    this.events.push({ name, time, attributes })
  }

  addLinks(links: ReadonlyArray<Tracer.SpanLink>): void {
    this.links = [...this.links, ...links]
  }
}

export const tracer: Tracer.Tracer = Tracer.make({
  span: (name, parent, context, links, startTime, kind) =>
    new RecordedSpan(name, parent, context, links, startTime, kind),
  context: (f) => f()
})
