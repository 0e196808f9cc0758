/**
 * Reading a runtime's `SMOKE` line (see `scenario/Smoke.ts`) back into check results.
 */
import * as Schema from "effect/Schema"

const SmokeLine = Schema.parseJson(Schema.Struct({
  runtime: Schema.String,
  ok: Schema.Boolean,
  results: Schema.Array(Schema.Struct({ name: Schema.String, ok: Schema.Boolean, detail: Schema.String }))
}))

export type SmokeOutcome = typeof SmokeLine.Type

/** The last `SMOKE` line of `output`, decoded; undefined when there is none. */
export const parse = (output: string): SmokeOutcome | undefined => {
  const line = output.split("\n").reverse().find((text) => text.startsWith("SMOKE "))
  return line === undefined ? undefined : Schema.decodeUnknownSync(SmokeLine)(line.slice("SMOKE ".length))
}
