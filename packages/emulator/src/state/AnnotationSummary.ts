/**
 * Annotation summaries as Ably rolls them up on a message (TM7), one per annotation type
 * `namespace:method.v1`, replayed from the message's annotation events in serial order:
 * - `total.v1`: `{ total }`, +1 per create, −1 per delete (never below 0);
 * - `flag.v1`: `{ total, clientIds, clipped }`, each client once;
 * - `distinct.v1`: per name `{ total, clientIds, clipped }`, each client once per name;
 * - `unique.v1`: the same, each client under one name at a time (its latest);
 * - `multiple.v1`: per name `{ total, clientIds: { clientId: count }, totalUnidentified,
 *   clipped, totalClientIds }`, counts added up (`count` 1 when absent).
 * A delete removes the client's contribution (for distinct.v1 and multiple.v1, to its name).
 * Names left without clients are dropped; a type once annotated stays in the summary. Lists
 * are never clipped here.
 *
 * @since 0.1.0
 */
import type { StoredAnnotation } from "./Annotations.js"

/**
 * The summarisation methods Ably knows.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * import * as AnnotationSummary from "./AnnotationSummary.js"
 * AnnotationSummary.methods.includes("flag.v1") // true
 */
export const methods = ["total.v1", "flag.v1", "distinct.v1", "unique.v1", "multiple.v1"] as const

/**
 * @since 0.1.0
 * @category models
 */
export type Method = typeof methods[number]

const methodSet: ReadonlySet<string> = new Set(methods)

const isMethod = (text: string): text is Method => methodSet.has(text)

/**
 * The summarisation method of an annotation type (`"reactions:distinct.v1"` → `"distinct.v1"`),
 * or `undefined` when the type is not `namespace:method` with a known method.
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * import * as AnnotationSummary from "./AnnotationSummary.js"
 * AnnotationSummary.methodOf("reactions:distinct.v1") // "distinct.v1"
 * AnnotationSummary.methodOf("reactions") // undefined
 */
export const methodOf = (type: string): Method | undefined => {
  const colon = type.lastIndexOf(":")
  if (colon <= 0) return undefined
  const method = type.slice(colon + 1)
  return isMethod(method) ? method : undefined
}

type Clients = Set<string>
type Counts = { readonly clients: Map<string, number>; unidentified: number }

type State =
  | { readonly method: "total.v1"; total: number }
  | { readonly method: "flag.v1"; readonly clients: Clients }
  | { readonly method: "distinct.v1"; readonly names: Map<string, Clients> }
  | { readonly method: "unique.v1"; readonly nameOf: Map<string, string> }
  | { readonly method: "multiple.v1"; readonly names: Map<string, Counts> }

const initial = (method: Method): State => {
  switch (method) {
    case "total.v1":
      return { method, total: 0 }
    case "flag.v1":
      return { method, clients: new Set() }
    case "distinct.v1":
      return { method, names: new Map() }
    case "unique.v1":
      return { method, nameOf: new Map() }
    case "multiple.v1":
      return { method, names: new Map() }
  }
}

const step = (state: State, annotation: StoredAnnotation): void => {
  const create = annotation.action === "annotation.create"
  const client = annotation.clientId
  const name = annotation.name ?? ""
  switch (state.method) {
    case "total.v1":
      state.total = create ? state.total + 1 : Math.max(0, state.total - 1)
      return
    case "flag.v1":
      if (client === undefined) return
      if (create) state.clients.add(client)
      else state.clients.delete(client)
      return
    case "distinct.v1": {
      if (client === undefined) return
      const clients = state.names.get(name) ?? new Set<string>()
      if (create) clients.add(client)
      else clients.delete(client)
      state.names.set(name, clients)
      return
    }
    case "unique.v1":
      if (client === undefined) return
      // A create moves the client to its new name; a delete takes it out.
      state.nameOf.delete(client)
      if (create) state.nameOf.set(client, name)
      return
    case "multiple.v1": {
      const counts = state.names.get(name) ?? { clients: new Map<string, number>(), unidentified: 0 }
      const count = annotation.count ?? 1
      if (client === undefined) {
        counts.unidentified = create ? counts.unidentified + count : counts.unidentified
      } else if (create) counts.clients.set(client, (counts.clients.get(client) ?? 0) + count)
      else counts.clients.delete(client)
      state.names.set(name, counts)
      return
    }
  }
}

const clientList = (clients: ReadonlyArray<string>) => ({ total: clients.length, clientIds: clients, clipped: false })

const output = (state: State): unknown => {
  switch (state.method) {
    case "total.v1":
      return { total: state.total }
    case "flag.v1":
      return clientList([...state.clients])
    case "distinct.v1": {
      const entry: Record<string, unknown> = {}
      for (const [name, clients] of state.names) if (clients.size > 0) entry[name] = clientList([...clients])
      return entry
    }
    case "unique.v1": {
      const byName = new Map<string, Array<string>>()
      for (const [client, name] of state.nameOf) byName.set(name, [...(byName.get(name) ?? []), client])
      const entry: Record<string, unknown> = {}
      for (const [name, clients] of byName) entry[name] = clientList(clients)
      return entry
    }
    case "multiple.v1": {
      const entry: Record<string, unknown> = {}
      for (const [name, counts] of state.names) {
        let total = counts.unidentified
        const clientIds: Record<string, number> = {}
        for (const [client, count] of counts.clients) {
          clientIds[client] = count
          total += count
        }
        if (total === 0 && counts.clients.size === 0) continue
        entry[name] = {
          total,
          clientIds,
          totalUnidentified: counts.unidentified,
          clipped: false,
          totalClientIds: counts.clients.size
        }
      }
      return entry
    }
  }
}

/**
 * The `annotations.summary` of a message from its annotation events, oldest first.
 *
 * @since 0.1.0
 * @category summaries
 * @example
 * import * as AnnotationSummary from "./AnnotationSummary.js"
 * AnnotationSummary.summarize([
 *   { id: "a:0", action: "annotation.create", type: "r:flag.v1", clientId: "alice", serial: "s2", messageSerial: "s1", timestamp: 1 }
 * ]) // { "r:flag.v1": { total: 1, clientIds: ["alice"], clipped: false } }
 */
export const summarize = (annotations: Iterable<StoredAnnotation>): Record<string, unknown> => {
  const states = new Map<string, State>()
  for (const annotation of annotations) {
    const method = methodOf(annotation.type)
    if (method === undefined) continue
    let state = states.get(annotation.type)
    if (state === undefined) {
      state = initial(method)
      states.set(annotation.type, state)
    }
    step(state, annotation)
  }
  const summary: Record<string, unknown> = {}
  for (const [type, state] of states) summary[type] = output(state)
  return summary
}
