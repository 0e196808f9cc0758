/* global process */
// `node --import ./count.mjs probe.mjs …` with STARTUP_COUNT_FILE set: registers count-hooks.mjs.
import { register } from "node:module"

register("./count-hooks.mjs", import.meta.url, { data: { file: process.env.STARTUP_COUNT_FILE } })
