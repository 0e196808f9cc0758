/**
 * What each smoke entry does with the target its runner passed: runs the smoke checks and gives
 * one line for the runner (`SMOKE <json>`) and whether every check passed.
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { type CheckName, run, smoke, TargetFromJson } from "./Scenario.js"

export const marker = "SMOKE "

export const runSmoke = async (
  runtime: string,
  targetJson: string,
  names: ReadonlyArray<CheckName> = smoke
): Promise<{ readonly line: string; readonly ok: boolean }> => {
  const target = await Effect.runPromise(Schema.decodeUnknown(TargetFromJson)(targetJson))
  const results = await run(target, names)
  const ok = results.length === names.length && results.every((result) => result.ok)
  return { line: `${marker}${JSON.stringify({ runtime, ok, results })}`, ok }
}
