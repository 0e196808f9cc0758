/**
 * A secret scanner for tests: renders a value every way a user or an exporter might (String,
 * JSON, util.inspect, Cause.pretty, the FiberFailure that `runPromise` rejects with, every
 * default logger, span names/attributes/events) and fails when a rendering throws or contains
 * a known secret. Reused by the fuzz suites: `assertNoSecrets(secrets, value)` on every error.
 */
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as Runtime from "effect/Runtime"
import * as Tracer from "effect/Tracer"
import * as util from "node:util"

/** The texts that must never appear; build them with `secretsOf` to get every encoded form. */
export type Secrets = ReadonlyArray<string>

/**
 * Every form a credential can take on the wire or in a log: the key secret, the whole key,
 * its `Basic` base64 form, a token and its `Bearer` base64 form, `authHeaders` and
 * `authParams` values (raw and URL-encoded), plus an 8-character prefix of each raw secret
 * (V8 quotes the first characters of text it cannot parse, e.g. in `JSON.parse` errors).
 */
export const secretsOf = (given: {
  readonly key?: string
  readonly tokens?: ReadonlyArray<string>
  readonly values?: ReadonlyArray<string>
}): Secrets => {
  const raw: Array<string> = [...(given.tokens ?? []), ...(given.values ?? [])]
  const encoded: Array<string> = (given.tokens ?? []).map((token) => btoa(token))
  if (given.key !== undefined) {
    const secret = given.key.slice(given.key.indexOf(":") + 1)
    raw.push(secret)
    encoded.push(given.key, btoa(given.key))
  }
  for (const value of given.values ?? []) encoded.push(encodeURIComponent(value))
  const prefixes = raw.filter((text) => text.length > 8).map((text) => text.slice(0, 8))
  return [...new Set([...raw, ...encoded, ...prefixes])]
}

const render = (label: string, f: () => unknown): string => {
  try {
    const out = f()
    return `${label}: ${typeof out === "string" ? out : String(out)}`
  } catch (error) {
    // A rendering that throws is a failure of its own: the value is not printable.
    throw new Error(
      `rendering "${label}" threw: ${error instanceof Error ? `${error.name}: ${error.message}` : typeof error}`
    )
  }
}

const causeOf = (value: unknown): Cause.Cause<unknown> | undefined => {
  if (Exit.isExit(value)) return Exit.isFailure(value) ? value.cause : undefined
  if (Cause.isCause(value)) return value
  return Cause.fail(value)
}

// Console methods the default loggers write through (via the default Console service).
const consoleMethods = [
  "log",
  "error",
  "warn",
  "info",
  "debug",
  "trace",
  "dir",
  "group",
  "groupCollapsed",
  "groupEnd"
] as const

const capturingConsole = <A>(f: () => A): { readonly result: A; readonly lines: Array<string> } => {
  const lines: Array<string> = []
  const saved = consoleMethods.map((name) => [name, console[name]] as const)
  for (const name of consoleMethods) {
    console[name] = (...args: Array<unknown>) => {
      lines.push(
        args.map((arg) =>
          typeof arg === "string" ? arg : `${util.inspect(arg, { depth: Infinity })} ${JSON.stringify(arg)}`
        ).join(" ")
      )
    }
  }
  try {
    return { result: f(), lines }
  } finally {
    for (const [name, method] of saved) console[name] = method
  }
}

/** What a logger was given, to be replayed through every default logger. */
export type LogRecord = Logger.Logger.Options<unknown>

/**
 * A logger that records every log call (all levels) for `logRenderings`; provide `layer` to
 * the program under test.
 */
export const logRecorder = () => {
  const records: Array<LogRecord> = []
  const logger = Logger.make<unknown, void>((options) => {
    records.push(options)
  })
  const layer = Logger.replace(Logger.defaultLogger, logger)
  return { records, logger, layer }
}

/** One log record through every default logger: string, logfmt, JSON, structured, pretty, default. */
export const logRenderings = (record: LogRecord): Array<string> => {
  const texts = [
    render("stringLogger", () => Logger.stringLogger.log(record)),
    render("logfmtLogger", () => Logger.logfmtLogger.log(record)),
    render("jsonLogger", () => Logger.jsonLogger.log(record)),
    render("structuredLogger", () => {
      const structured = Logger.structuredLogger.log(record)
      return `${JSON.stringify(structured)} ${util.inspect(structured, { depth: Infinity })}`
    })
  ]
  for (
    const [label, logger] of [
      ["prettyLogger", Logger.prettyLogger({ colors: false })],
      ["prettyLogger (colors)", Logger.prettyLogger({ colors: true, mode: "tty" })],
      ["defaultLogger", Logger.defaultLogger]
    ] as const
  ) {
    texts.push(render(label, () => capturingConsole(() => logger.log(record)).lines.join("\n")))
  }
  return texts
}

// A log record of `value` as message, annotation and cause, made by a real log call.
const recordOf = (value: unknown): Array<LogRecord> => {
  const recorder = logRecorder()
  const cause = causeOf(value) ?? Cause.empty
  Effect.runSync(
    Effect.logError(value, cause).pipe(
      Effect.annotateLogs("value", value),
      Effect.provide(recorder.layer),
      Logger.withMinimumLogLevel(LogLevel.All)
    )
  )
  return recorder.records
}

/**
 * Every rendering of `value` (an error, an Exit, a Cause, options…): String, JSON.stringify,
 * util.inspect at any depth, Cause.pretty (with and without the cause chain), the
 * FiberFailure `runPromise` rejects with, and a log call through every default logger.
 * Throws if any rendering throws.
 */
export const renderings = (value: unknown): Array<string> => {
  const texts = [
    render("String", () => String(value)),
    render("JSON.stringify", () => JSON.stringify(value)),
    render("util.inspect", () => util.inspect(value, { depth: Infinity })),
    render("util.inspect (showHidden)", () => util.inspect(value, { depth: Infinity, showHidden: true }))
  ]
  const cause = causeOf(value)
  if (cause !== undefined) {
    texts.push(
      render("Cause.pretty", () => Cause.pretty(cause)),
      render("Cause.pretty (renderErrorCause)", () => Cause.pretty(cause, { renderErrorCause: true })),
      render(
        "Cause.prettyErrors",
        () => Cause.prettyErrors(cause).map((error) => `${error.stack} ${util.inspect(error)}`).join("\n")
      )
    )
    const failure = Runtime.makeFiberFailure(cause)
    texts.push(
      render("FiberFailure", () => `${String(failure)} ${failure.stack} ${util.inspect(failure, { depth: Infinity })}`),
      render("FiberFailure JSON", () => JSON.stringify(failure))
    )
    if (Cause.isFailType(cause) && typeof cause.error === "object" && cause.error !== null && "cause" in cause.error) {
      const inner = cause.error.cause
      texts.push(
        render(
          "error.cause",
          () => `${String(inner)} ${JSON.stringify(inner)} ${util.inspect(inner, { depth: Infinity })}`
        )
      )
    }
  }
  for (const record of recordOf(value)) texts.push(...logRenderings(record))
  return texts
}

/** The rejection of `Effect.runPromise` for a failed Exit (what a Promise user sees). */
export const rejectionOf = (exit: Exit.Exit<unknown, unknown>): Promise<unknown> =>
  Effect.runPromise(exit).then(() => undefined, (error: unknown) => error)

/** Fails (throws) naming the rendering and the secret when any text contains a known secret. */
export const assertNoSecretIn = (secrets: Secrets, texts: ReadonlyArray<string>, what = "value"): void => {
  for (const text of texts) {
    for (const secret of secrets) {
      const at = text.indexOf(secret)
      if (at >= 0) {
        const label = text.slice(0, text.indexOf(":"))
        throw new Error(
          `${what}: the ${label} rendering contains the secret ${JSON.stringify(secret)}: …${
            text.slice(Math.max(0, at - 80), at + secret.length + 20)
          }…`
        )
      }
    }
  }
}

/** Renders `values` every way (`renderings`) and fails on a throw or on any known secret. */
export const assertNoSecrets = (secrets: Secrets, ...values: ReadonlyArray<unknown>): void => {
  values.forEach((value, index) => assertNoSecretIn(secrets, renderings(value), `value ${index}`))
}

/** A finished or running span as recorded by `spanRecorder`. */
export interface RecordedSpan {
  readonly name: string
  /** The parent span's name, when the parent is a span (not an external one). */
  readonly parent: string | undefined
  readonly kind: Tracer.SpanKind
  readonly attributes: Map<string, unknown>
  readonly events: Array<{ readonly name: string; readonly attributes: Record<string, unknown> | undefined }>
  readonly links: Array<Tracer.SpanLink>
  exit: Exit.Exit<unknown, unknown> | undefined
}

// What an exporter (e.g. @effect/opentelemetry) takes from a span's exit: the status and, for
// a failure, each error's name, message and stack and the pretty cause.
const exporterTexts = (name: string, exit: Exit.Exit<unknown, unknown>): Array<string> =>
  Exit.isSuccess(exit) ? [] : [
    render(`span ${name} exception`, () =>
      `${Cause.pretty(exit.cause)} ${
        Cause.prettyErrors(exit.cause).map((error) =>
          `${error.name} ${error.message} ${error.stack}`
        ).join(" ")
      }`)
  ]

/**
 * A Tracer that records every span (name, attributes, events, links, end exit). Run the
 * program with `Effect.withTracer(recorder.tracer)`; `renderings()` gives every text of every
 * span: name, attributes, events, what an exporter takes from the exit, and every rendering
 * of the exit for the spans `fullExit` selects. By default that is every span but the
 * platform's `http.client …` spans, whose exits are @effect/platform's own response and error
 * objects (they hold the request and its headers; exporters only read their status, name,
 * message and stack).
 */
export const spanRecorder = (fullExit: (name: string) => boolean = (name) => !name.startsWith("http.client")) => {
  const spans: Array<RecordedSpan> = []
  let counter = 0
  const tracer = Tracer.make({
    span: (name, parent, context, links, startTime, kind) => {
      const recorded: RecordedSpan = {
        name,
        parent: Option.isSome(parent) && parent.value._tag === "Span" ? parent.value.name : undefined,
        kind,
        attributes: new Map(),
        events: [],
        links: [...links],
        exit: undefined
      }
      spans.push(recorded)
      const id = (++counter).toString(16).padStart(16, "0")
      const span: Tracer.Span = {
        _tag: "Span",
        name,
        spanId: id,
        traceId: Option.match(parent, { onNone: () => id.padStart(32, "0"), onSome: (p) => p.traceId }),
        parent,
        context: context ?? Context.empty(),
        get status(): Tracer.SpanStatus {
          return { _tag: "Started", startTime }
        },
        attributes: recorded.attributes,
        get links() {
          return recorded.links
        },
        sampled: true,
        kind,
        end: (_endTime, exit) => {
          recorded.exit = exit
        },
        attribute: (key, value) => {
          recorded.attributes.set(key, value)
        },
        event: (eventName, _time, attributes) => {
          recorded.events.push({ name: eventName, attributes })
        },
        addLinks: (added) => {
          recorded.links.push(...added)
        }
      }
      return span
    },
    context: (f) => f()
  })
  const spanTexts = (): Array<string> =>
    spans.flatMap((span) => [
      render(`span ${span.name}`, () =>
        `${span.name} ${
          [...span.attributes].map(([key, value]) =>
            `${key}=${String(value)} ${util.inspect(value, { depth: Infinity })}`
          ).join(" ")
        }`),
      render(`span ${span.name} events`, () =>
        span.events.map((event) =>
          `${event.name} ${JSON.stringify(event.attributes)} ${util.inspect(event.attributes, { depth: Infinity })}`
        ).join(" ")),
      ...(span.exit === undefined ? [] : exporterTexts(span.name, span.exit)),
      ...(span.exit === undefined || !fullExit(span.name)
        ? []
        : renderings(span.exit).map((text) =>
          `span ${span.name} exit ${text}`
        ))
    ])
  return { tracer, spans, renderings: spanTexts }
}
