// Runs generated server answers through a decode path over a scripted HttpClient and says
// what went wrong: defects, hangs, requests to other hosts, errors that cannot be printed.
import { Errors, Rest } from "@effect-ably/core"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Cause from "effect/Cause"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import * as fc from "fast-check"
import * as fs from "node:fs"
import { renderings } from "../utils/SecretScan.js"
import { type Answer, answerFor, longestLink, toResponse } from "./Answers.js"
import { authCallbackPath, basePaths, callbackBehaviour, type DecodePath } from "./Paths.js"

/** Why a case is not clean. */
export type Problem =
  | "defect"
  | "hang"
  | "stray-request"
  | "unprintable"
  | "link-target"
  | "link-header"
  | "pagination-loop"

export interface Case {
  readonly path: DecodePath
  readonly protocol: "json" | "msgpack"
  readonly answers: ReadonlyArray<Answer>
}

export interface Outcome {
  readonly problems: ReadonlyArray<Problem>
  readonly typedError: boolean
  readonly requests: number
  readonly detail: string
  readonly millis: number
}

const pathArbitrary: fc.Arbitrary<DecodePath> = fc.oneof(
  { weight: basePaths.length, arbitrary: fc.constantFrom(...basePaths) },
  { weight: 3, arbitrary: callbackBehaviour.map(authCallbackPath) }
)

/** A case: a decode path, the client's protocol, and the answers to its first requests. */
export const caseArbitrary: fc.Arbitrary<Case> = fc.tuple(
  pathArbitrary,
  fc.constantFrom("json" as const, "msgpack" as const)
).chain(
  ([path, protocol]) =>
    fc.tuple(answerFor(path.first), fc.array(answerFor(path.later), { maxLength: 3 })).map(([first, later]) => ({
      path,
      protocol,
      answers: [first, ...later]
    }))
)

const deadlineMillis = 2_000
/** More requests than any bounded path makes: a path past it is looping. */
const maxRequests = 250

const silentLogger = Logger.replace(Logger.defaultLogger, Logger.map(Logger.logfmtLogger, () => undefined))

const isLinkDefect = (defect: unknown): boolean => {
  const text = defect instanceof Error ? `${defect.message}\n${defect.stack ?? ""}` : ""
  return text.includes("Invalid URL") || text.includes("Paginated/Link") || text.includes("Paginated.ts")
}

/** Runs one case. Never throws. */
export const runCase = (testCase: Case): Promise<Outcome> => {
  const started = performance.now()
  const urls: Array<URL> = []
  const program = Effect.gen(function*() {
    const runaway = yield* Deferred.make<void>()
    const client = HttpClient.make((request, url) =>
      Effect.suspend(() => {
        urls.push(url)
        const index = urls.length - 1
        if (index >= maxRequests) return Effect.zipRight(Deferred.succeed(runaway, undefined), Effect.never)
        const answer = testCase.answers[Math.min(index, testCase.answers.length - 1)]!
        return Effect.succeed(HttpClientResponse.fromWeb(request, toResponse(answer)))
      })
    )
    const layer = Rest.layer({ ...testCase.path.options, useBinaryProtocol: testCase.protocol === "msgpack" }).pipe(
      Layer.provide(Layer.succeed(HttpClient.HttpClient, client))
    )
    const run = Effect.flatMap(Rest.Rest, (rest) => Effect.map(testCase.path.run(rest), () => rest)).pipe(
      Effect.provide(layer),
      Effect.provide(silentLogger)
    )
    const raced = Effect.raceFirst(
      Effect.exit(run).pipe(Effect.map((exit) => ({ _tag: "Done" as const, exit }))),
      Effect.as(Deferred.await(runaway), { _tag: "Runaway" as const })
    )
    return yield* Effect.timeout(raced, deadlineMillis).pipe(Effect.option)
  })
  return Effect.runPromise(program).then(
    (result) => classify(testCase, result, urls, performance.now() - started),
    (thrown: unknown) => ({
      problems: ["defect"],
      typedError: false,
      requests: urls.length,
      detail: `runPromise rejected: ${safeText(thrown)}`,
      millis: performance.now() - started
    })
  )
}

const safeText = (value: unknown): string => {
  try {
    return String(value).slice(0, 500)
  } catch {
    return "(unprintable)"
  }
}

type Result = Option.Option<
  | { readonly _tag: "Done"; readonly exit: Exit.Exit<unknown, Errors.AblyError> }
  | { readonly _tag: "Runaway" }
>

const allowedOrigins = (testCase: Case): ReadonlySet<string> => {
  const hosts = [
    "main.realtime.ably.net",
    ..."abcde".split("").map((letter) => `main.${letter}.fallback.ably-realtime.com`)
  ]
  return new Set([
    ...hosts.map((host) => `https://${host}`),
    ...(testCase.path.extraOrigin === undefined ? [] : [testCase.path.extraOrigin])
  ])
}

const hasLinks = (testCase: Case) =>
  testCase.answers.some((answer) => answer.headers.some(([name]) => name === "link")) ||
  testCase.path.name === "request-envelope"

const classify = (testCase: Case, result: Result, urls: ReadonlyArray<URL>, millis: number): Outcome => {
  const problems = new Set<Problem>()
  const details: Array<string> = []
  const allowed = allowedOrigins(testCase)
  const stray = urls.filter((url) => !allowed.has(url.origin) || url.username !== "" || url.password !== "")
  if (stray.length > 0) {
    problems.add(hasLinks(testCase) ? "link-target" : "stray-request")
    details.push(`request to ${stray[0]!.href.slice(0, 200)}`)
  }
  let typedError = false
  const runaway = Option.isSome(result) && result.value._tag === "Runaway"
  if (!runaway && (Option.isNone(result) || millis >= deadlineMillis)) {
    problems.add(longestLink(testCase.answers) > 16 * 1024 ? "link-header" : "hang")
    details.push(`no outcome within ${deadlineMillis} ms (${Math.round(millis)} ms, ${urls.length} requests)`)
  }
  if (runaway) {
    problems.add("pagination-loop")
    details.push(`more than ${maxRequests} requests`)
  }
  if (Option.isSome(result) && result.value._tag === "Done" && Exit.isFailure(result.value.exit)) {
    const cause = result.value.exit.cause
    const defects = Array.from(Cause.defects(cause))
    if (defects.length > 0) {
      problems.add(defects.every(isLinkDefect) ? "link-target" : "defect")
      details.push(
        `defect: ${safeText(defects[0] instanceof Error ? defects[0].stack ?? defects[0].message : defects[0])}`
      )
    }
    const failure = Cause.failureOption(cause)
    if (Option.isSome(failure)) {
      typedError = Errors.isAblyError(failure.value)
      if (!typedError) {
        problems.add("defect")
        details.push(`not an AblyError: ${safeText(failure.value)}`)
      }
      try {
        renderings(result.value.exit)
      } catch (error) {
        problems.add("unprintable")
        details.push(`unprintable: ${safeText(error)}`)
      }
    }
  }
  return { problems: Array.from(problems), typedError, requests: urls.length, detail: details.join("; "), millis }
}

/** A case, printed short enough to read. */
export const describeCase = (testCase: Case): string =>
  JSON.stringify({
    path: testCase.path.name,
    protocol: testCase.protocol,
    answers: testCase.answers.map((answer) => ({
      status: answer.status,
      headers: answer.headers.map((
        [name, value]
      ) => [name, value.length > 120 ? `${value.slice(0, 120)}… (${value.length})` : value]),
      body: answer.body.kind === "bytes"
        ? `${answer.body.bytes.length} bytes: ${new TextDecoder().decode(answer.body.bytes.subarray(0, 200))}`
        : answer.body.kind
    }))
  })

export interface Totals {
  readonly seed: number
  cases: number
  clean: number
  typedErrors: number
  readonly problems: Record<Problem, number>
  readonly byPath: Record<string, number>
  /** Milliseconds spent per decode path, to see where the time goes. */
  readonly timeByPath: Record<string, number>
  readonly first: Partial<Record<Problem, string>>
  slowest: number
  millis: number
}

/**
 * Runs `count` cases from `seed` with fast-check (`path` replays one case: the run index
 * printed with a problem). `onProblem` is called for each problem case; returning `true`
 * stops the run.
 */
export const runMany = async (options: {
  readonly seed: number
  readonly count: number
  readonly path?: string | undefined
  readonly stopOn?: (problems: ReadonlyArray<Problem>) => boolean
}): Promise<Totals> => {
  const totals: Totals = {
    seed: options.seed,
    cases: 0,
    clean: 0,
    typedErrors: 0,
    problems: {
      "defect": 0,
      "hang": 0,
      "stray-request": 0,
      "unprintable": 0,
      "link-target": 0,
      "link-header": 0,
      "pagination-loop": 0
    },
    byPath: {},
    timeByPath: {},
    first: {},
    slowest: 0,
    millis: 0
  }
  const started = performance.now()
  const trace = process.env["FUZZ_TRACE"]
  // Without shrinking (the property never fails on its own), run i has path "i".
  let index = options.path === undefined ? 0 : Number(options.path.split(":")[0])
  let stopped = false
  await fc.check(
    fc.asyncProperty(caseArbitrary, async (testCase) => {
      const run = index++
      if (stopped) return true
      // FUZZ_TRACE=<file>: the run index of each case before it runs, to find a case that
      // takes the whole process down.
      if (trace !== undefined) fs.writeFileSync(trace, `${run} ${describeCase(testCase)}\n`)
      const outcome = await runCase(testCase)
      totals.cases++
      totals.slowest = Math.max(totals.slowest, outcome.millis)
      totals.timeByPath[testCase.path.name] = (totals.timeByPath[testCase.path.name] ?? 0) + outcome.millis
      if (outcome.typedError) totals.typedErrors++
      if (outcome.problems.length === 0) totals.clean++
      for (const problem of outcome.problems) {
        totals.problems[problem]++
        totals.byPath[`${problem} ${testCase.path.name}`] = (totals.byPath[`${problem} ${testCase.path.name}`] ?? 0) + 1
        totals.first[problem] ??= `FUZZ_SEED=${options.seed} FUZZ_PATH=${run} — ${outcome.detail}\n  case: ${
          describeCase(testCase).slice(0, 2000)
        }`
      }
      if (options.stopOn?.(outcome.problems) === true) stopped = true
      return true
    }),
    {
      seed: options.seed,
      numRuns: options.count,
      ...(options.path === undefined ? {} : { path: options.path }),
      endOnFailure: true
    }
  )
  totals.millis = performance.now() - started
  return totals
}

/** The totals as printed lines. */
export const report = (totals: Totals): string =>
  [
    `fuzz: seed ${totals.seed}, ${totals.cases} cases in ${(totals.millis / 1000).toFixed(1)} s (slowest case ${
      Math.round(totals.slowest)
    } ms)`,
    `  clean ${totals.clean}, typed errors ${totals.typedErrors}`,
    `  defects ${totals.problems.defect}, hangs ${totals.problems.hang}, stray requests ${
      totals.problems["stray-request"]
    }, unprintable errors ${totals.problems.unprintable}`,
    `  unsafe link targets ${totals.problems["link-target"]}, oversized Link headers ${
      totals.problems["link-header"]
    }, pagination loops ${totals.problems["pagination-loop"]}`,
    ...Object.entries(totals.byPath).sort().map(([key, count]) => `    ${key}: ${count}`),
    `  time by path (s): ${
      Object.entries(totals.timeByPath).sort(([, a], [, b]) => b - a).map(([name, ms]) =>
        `${name} ${(ms / 1000).toFixed(1)}`
      ).join(", ")
    }`,
    ...Object.entries(totals.first).map(([problem, text]) => `  first ${problem}: ${text}`)
  ].join("\n")
